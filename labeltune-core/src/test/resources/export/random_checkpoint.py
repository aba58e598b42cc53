"""Test helper: a small randomly initialised BERT saved as a sentence-transformers checkpoint, and its
embeddings computed by PyTorch. Offline: the vocabulary is written here, nothing is downloaded.

    python random_checkpoint.py make CHECKPOINT_DIR
    python random_checkpoint.py embed CHECKPOINT_DIR TEXTS_JSON OUT_JSON
"""
import json
import os
import sys

import torch
from transformers import BertConfig, BertModel, BertTokenizerFast

WORDS = """the a an of to and in is it that for on with as was by at be this from are or have not but
parcel never arrived refund please my order shipping billing charged twice where box late money card
account password reset login error app crash slow fast great terrible movie film plot actor music
happy sad angry fear love surprise question answer number city person date location team won match
##s ##ed ##ing ##ly ##er ##est""".split()
MAX_LENGTH = 64


def make(out):
    os.makedirs(out, exist_ok=True)
    vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"] + list("abcdefghijklmnopqrstuvwxyz0123456789.,!?'") \
        + ["##" + c for c in "abcdefghijklmnopqrstuvwxyz"] + WORDS
    seen = []
    for token in vocab:
        if token not in seen:
            seen.append(token)
    with open(os.path.join(out, "vocab.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(seen) + "\n")
    tokenizer = BertTokenizerFast(vocab_file=os.path.join(out, "vocab.txt"), do_lower_case=True,
                                  model_max_length=512)
    torch.manual_seed(0)
    config = BertConfig(vocab_size=len(seen), hidden_size=32, num_hidden_layers=2, num_attention_heads=4,
                        intermediate_size=64, max_position_embeddings=128)
    model = BertModel(config).eval()
    model.save_pretrained(out)
    tokenizer.save_pretrained(out)
    modules = [
        {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
        {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
        {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"},
    ]
    json.dump(modules, open(os.path.join(out, "modules.json"), "w"))
    os.makedirs(os.path.join(out, "1_Pooling"), exist_ok=True)
    os.makedirs(os.path.join(out, "2_Normalize"), exist_ok=True)
    json.dump({"word_embedding_dimension": 32, "pooling_mode_cls_token": False, "pooling_mode_mean_tokens": True,
               "pooling_mode_max_tokens": False, "pooling_mode_mean_sqrt_len_tokens": False},
              open(os.path.join(out, "1_Pooling", "config.json"), "w"))
    json.dump({"max_seq_length": MAX_LENGTH, "do_lower_case": False},
              open(os.path.join(out, "sentence_bert_config.json"), "w"))


def embed(checkpoint, texts_file, out):
    texts = json.load(open(texts_file, encoding="utf-8"))
    tokenizer = BertTokenizerFast.from_pretrained(checkpoint, local_files_only=True)
    model = BertModel.from_pretrained(checkpoint, local_files_only=True).eval()
    with torch.no_grad():
        batch = tokenizer(texts, padding=True, truncation=True, max_length=MAX_LENGTH, return_tensors="pt")
        states = model(**batch).last_hidden_state
        mask = batch["attention_mask"].unsqueeze(-1).float()
        pooled = (states * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
        pooled = torch.nn.functional.normalize(pooled, p=2, dim=1)
    json.dump(pooled.tolist(), open(out, "w"))


if __name__ == "__main__":
    if sys.argv[1] == "make":
        make(sys.argv[2])
    else:
        embed(sys.argv[2], sys.argv[3], sys.argv[4])
