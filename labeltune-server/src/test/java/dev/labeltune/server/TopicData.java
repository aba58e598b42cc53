package dev.labeltune.server;

import java.util.List;
import java.util.Map;

/**
 * A small labeled set written for these tests: three topics whose label names ("x1", "x2", "x3")
 * say nothing, so zero-shot is near chance and tuning on eight examples per label must help.
 */
final class TopicData {
  private TopicData() {}

  static final Map<String, List<String>> TRAIN = Map.of(
      "x1", List.of("Whisk the eggs with sugar until pale and fluffy.", "Simmer the tomato sauce for twenty minutes.",
          "Knead the bread dough and let it rise overnight.", "Season the roast chicken with garlic and rosemary.",
          "Fry the onions in butter until golden brown.", "Bake the cake at 180 degrees for forty minutes.",
          "Chop the parsley finely and stir it into the soup.", "Marinate the beef in soy sauce before grilling."),
      "x2", List.of("The telescope captured a distant spiral galaxy.", "Astronomers detected a new exoplanet orbiting a red dwarf.",
          "The comet will be visible from the northern hemisphere.", "Saturn's rings are made of ice and rock.",
          "A supernova exploded in a neighbouring galaxy.", "The moon passes through Earth's shadow during an eclipse.",
          "Jupiter has dozens of moons, including the volcanic Io.", "Black holes bend the light of stars behind them."),
      "x3", List.of("The central bank raised interest rates by a quarter point.", "Shares fell after the quarterly earnings report.",
          "Investors moved their savings into government bonds.", "The company issued new stock to raise capital.",
          "Inflation eroded the purchasing power of wages.", "The hedge fund bet against the currency.",
          "Mortgage lenders tightened their credit standards.", "The stock exchange closed at a record high."));

  static final Map<String, List<String>> TEST = Map.of(
      "x1", List.of("Stir the risotto slowly while adding warm broth.", "Peel and dice the potatoes for the stew.",
          "Let the pastry rest in the fridge before rolling it.", "Caramelize the sugar in a heavy pan.",
          "Grate the cheese over the pasta before serving.", "Roast the vegetables with olive oil and salt.",
          "Blend the berries with yogurt for a smoothie.", "Boil the noodles for eight minutes and drain them."),
      "x2", List.of("The space probe sent images of Neptune's clouds.", "Mars appears red because of iron oxide dust.",
          "The Milky Way contains hundreds of billions of stars.", "A meteor shower lit up the night sky.",
          "The observatory measured the light of a faint quasar.", "Venus is the hottest planet in the solar system.",
          "Neutron stars spin hundreds of times per second.", "The astronaut photographed the aurora from orbit."),
      "x3", List.of("The bank reported higher profits from lending.", "Bond yields climbed as traders expected rate hikes.",
          "The startup raised venture funding at a higher valuation.", "Dividends were cut after the weak quarter.",
          "The pension fund diversified into foreign equities.", "Currency traders sold the dollar after the report.",
          "The firm's debt was downgraded by rating agencies.", "Retail investors bought shares in the IPO."));
}
