package dev.labeltune.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.labeltune.head.HeadLimits;
import dev.labeltune.head.TaskHead;
import dev.labeltune.server.LabelTuneServer;
import dev.labeltune.server.ServerConfig;
import java.io.File;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page in a real headless Chromium (Debian's chromium and chromium-driver, which .ci/run
 * installs) against the real server with the real model: create a task, try texts, correct two
 * predictions, import a file with a bad line and then a good one, tune, roll back, download the
 * head; and the "Label next" queue: import an unlabeled pool, label six suggestions by keyboard (skipping
 * one), tune. Screenshots of each screen at desktop and phone width go to docs/screenshots/.
 */
class PageBrowserTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Path SCREENSHOTS = Path.of("..", "docs", "screenshots");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  static Path dir;
  private static LabelTuneServer server;
  private static ChromeDriver driver;
  private static WebDriverWait wait;
  private static String base;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "Chromium and ChromeDriver are not installed (.ci/run installs Debian's chromium and chromium-driver)");
    server = LabelTuneServer.start(ServerConfig.builder(dir.resolve("data")).port(0).noAuth(true).adminKey("unused")
        .build(), new PrintStream(PrintStream.nullOutputStream()));
    base = "http://127.0.0.1:" + server.port();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--disable-quic", "--user-data-dir=" + dir.resolve("profile"), "--window-size=1280,800");
    options.setExperimentalOption("prefs", Map.of("download.default_directory", dir.resolve("downloads").toString(),
        "download.prompt_for_download", false));
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort().build();
    driver = new ChromeDriver(service, options);
    wait = new WebDriverWait(driver, Duration.ofSeconds(60));
    Files.createDirectories(SCREENSHOTS);
  }

  @AfterAll
  static void stop() {
    if (driver != null) {
      driver.quit();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void buildATaskInTheBrowser() throws Exception {
    driver.manage().window().setSize(new Dimension(1280, 800));
    driver.get(base + "/");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#task-table tbody"), "No tasks yet"));

    // A rule broken: the API's message is shown next to the form.
    type("#task-name", "one label");
    type("#task-labels", "billing");
    driver.findElement(By.cssSelector("#create-form button[type=submit]")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("create-error"), "'labels' must hold"));

    // Create, with a live preview of each label's hypothesis; submitted with the keyboard.
    type("#task-labels", "billing\nshipping\nrefund: The customer wants their money back.");
    type("#task-template", "This ticket is about {}.");
    List<WebElement> preview = driver.findElements(By.cssSelector("#hypothesis-preview li"));
    assertThat(preview).extracting(WebElement::getText).containsExactly("billing: This ticket is about billing.",
        "shipping: This ticket is about shipping.", "refund: The customer wants their money back.");
    type("#task-name", "tickets");
    driver.findElement(By.id("task-name")).sendKeys(Keys.ENTER);
    wait.until(ExpectedConditions.textToBe(By.id("task-title"), "tickets"));
    String taskId = driver.findElement(By.cssSelector("#task-table tbody tr")).getAttribute("data-task");
    screenshot("1-tasks", "#tasks-section");

    // Try a text: one bar per label, sorted, summing to 100%.
    type("#try-text", "I was charged twice for my subscription this month");
    wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#try-result .bars li"), 3));
    List<WebElement> bars = driver.findElements(By.cssSelector("#try-result .bars li"));
    assertThat(bars.get(0).getAttribute("data-label")).isEqualTo("billing");
    double total = 0;
    double previous = 101;
    for (WebElement bar : bars) {
      double p = Double.parseDouble(bar.findElement(By.className("prob")).getText().replace("%", ""));
      assertThat(p).isLessThanOrEqualTo(previous);
      previous = p;
      total += p;
    }
    assertThat(total).isBetween(99.5, 100.5);
    screenshot("2-try", "#task-section");

    // Several texts as a table; correct two predictions, which stores them as examples.
    type("#try-text", "Where is my parcel? It has been two weeks.\nThe courier left my package at the wrong house.");
    wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#try-result table.predictions tbody tr"), 2));
    List<WebElement> rows = driver.findElements(By.cssSelector("#try-result table.predictions tbody tr"));
    for (WebElement row : rows) {
      new Select(row.findElement(By.className("fix-label"))).selectByValue("shipping");
      row.findElement(By.className("save-example")).click();
    }
    wait.until(d -> d.findElements(By.cssSelector(".fix-status")).stream()
        .allMatch(s -> s.getText().contains("Saved as an example of \"shipping\"")));
    assertThat(exampleCount(taskId)).isEqualTo(2);

    // A file with one bad line: the error names the line, nothing is stored.
    Path bad = dir.resolve("bad.csv");
    Files.writeString(bad, "text,label\nMy invoice is wrong,billing\nPlease refund me,refund\nHello there,nope\n");
    driver.findElement(By.id("import-file")).sendKeys(bad.toString());
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("import-errors"), "Line 4: unknown label \"nope\""));
    assertThat(driver.findElement(By.id("import-status")).getText()).contains("Nothing was imported");
    assertThat(exampleCount(taskId)).isEqualTo(2);

    Path good = dir.resolve("good.jsonl");
    Files.writeString(good, String.join("\n",
        "{\"text\": \"I was billed twice for one order\", \"label\": \"billing\"}",
        "{\"text\": \"The invoice amount is wrong\", \"label\": \"billing\"}",
        "{\"text\": \"Why is there an extra charge on my card?\", \"label\": \"billing\"}",
        "{\"text\": \"My package has not arrived yet\", \"label\": \"shipping\"}",
        "{\"text\": \"I want my money back for this broken item\", \"label\": \"refund\"}",
        "{\"text\": \"Please return the payment to my account\", \"label\": \"refund\"}",
        "{\"text\": \"Can I get a refund for my cancelled order?\", \"label\": \"refund\"}") + "\n");
    driver.findElement(By.id("import-file")).sendKeys(good.toString());
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("import-status"), "Imported 7 examples"));
    assertThat(exampleCount(taskId)).isEqualTo(9);

    // Tune: progress, then tuned against zero-shot, per-label F1 and the confusion matrix.
    driver.findElement(By.id("tune-button")).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#tune-report svg.confusion-matrix")));
    assertThat(driver.findElement(By.id("tune-status")).getText()).contains("version 2 is active");
    assertThat(driver.findElement(By.id("score-tuned")).getText()).matches("\\d+\\.\\d");
    assertThat(driver.findElements(By.cssSelector("#tune-report table.per-label tbody tr"))).hasSize(3);
    assertThat(driver.findElements(By.cssSelector("#tune-report svg.confusion-matrix rect"))).hasSize(9);
    wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#version-table tbody tr"), 2));
    screenshot("3-tuned", "#tune-button");

    // Roll back to the zero-shot version.
    driver.findElement(By.cssSelector("#version-table tr[data-version='1'] button.activate")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#version-table tr[data-version='1']"),
        "(active)"));
    assertThat(api("GET", "/v1/tasks/" + taskId).get("active_version").asInt()).isEqualTo(1);

    // Download the active head: a valid head file for this task's labels.
    driver.findElement(By.id("download-button")).click();
    Path downloaded = dir.resolve("downloads").resolve(taskId + ".head.json");
    wait.until(d -> Files.exists(downloaded));
    wait.until(d -> {
      try {
        return TaskHead.fromBytes(Files.readAllBytes(downloaded), "download", HeadLimits.defaults()).labels().size() == 3;
      } catch (Exception notYetComplete) {
        return false;
      }
    });

    // A phone's width: readable, nothing wider than the screen.
    driver.manage().window().setSize(new Dimension(390, 844));
    driver.navigate().refresh();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#task-table tbody tr[data-task]")));
    screenshot("1-tasks", "#tasks-section");
    assertThat(overflow()).as("page wider than a 390 px screen").isLessThanOrEqualTo(0);
    driver.findElement(By.cssSelector("#task-table tbody tr[data-task] button.open")).click();
    wait.until(ExpectedConditions.textToBe(By.id("task-title"), "tickets"));
    type("#try-text", "I want a refund, the product broke after a day");
    wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#try-result .bars li"), 3));
    screenshot("2-try", "#try-text");
    assertThat(overflow()).isLessThanOrEqualTo(0);
    driver.findElement(By.id("tune-button")).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#tune-report svg.confusion-matrix")));
    screenshot("3-tuned", "#tune-status");
    assertThat(overflow()).isLessThanOrEqualTo(0);

    // Delete the task from the list, after confirming.
    driver.findElement(By.cssSelector("#task-table tbody tr[data-task] button.delete")).click();
    driver.switchTo().alert().accept();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#task-table tbody"), "No tasks yet"));
    assertThat(api("GET", "/v1/tasks").get("items")).isEmpty();
  }

  @Test
  void labelNextByKeyboardThenTune() throws Exception {
    driver.manage().window().setSize(new Dimension(1280, 800));
    Map<String, String> gold = new java.util.LinkedHashMap<>();
    gold.put("I was billed twice for one order", "billing");
    gold.put("The invoice amount is wrong", "billing");
    gold.put("My package has not arrived yet", "shipping");
    gold.put("The courier lost my parcel", "shipping");
    gold.put("I want my money back for this broken item", "refund");
    gold.put("Please return the payment to my account", "refund");
    List<String> labels = List.of("billing", "shipping", "refund");
    String taskId = post("/v1/tasks", "{\"name\": \"queue\", \"labels\": [\"billing\", \"shipping\", \"refund\"]}")
        .get("id").asText();
    driver.get(base + "/");
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#task-table tbody tr[data-task='" + taskId
        + "'] button.open"))).click();
    wait.until(ExpectedConditions.textToBe(By.id("task-title"), "queue"));

    // Import the pool: the six texts and one that is neither, which will be skipped.
    Path pool = dir.resolve("pool.jsonl");
    List<String> lines = new java.util.ArrayList<>();
    gold.keySet().forEach(t -> lines.add("{\"text\": \"" + t + "\"}"));
    lines.add("{\"text\": \"Hello, is anyone there?\"}");
    Files.writeString(pool, String.join("\n", lines) + "\n");
    driver.findElement(By.id("pool-file")).sendKeys(pool.toString());
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("pool-status"), "Added 7 texts"));
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("queue-text")));
    screenshot("4-label-next", "#pool-file");

    // Label by keyboard: the label's number, then Enter; S skips the text that is neither.
    int labeled = 0;
    for (int step = 0; step < 20 && labeled < 6; step++) {
      String text = wait.until(d -> {
        String t = d.findElement(By.id("queue-text")).getText();
        return t.isBlank() ? null : t;
      });
      driver.findElement(By.id("queue-text")).click();
      org.openqa.selenium.interactions.Actions keys = new org.openqa.selenium.interactions.Actions(driver);
      if (gold.containsKey(text)) {
        keys.sendKeys(Integer.toString(labels.indexOf(gold.get(text)) + 1)).sendKeys(Keys.ENTER).perform();
        labeled++;
        String expected = labeled + " labeled here";
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("queue-count"), expected));
      } else {
        keys.sendKeys("s").perform();
        wait.until(d -> !d.findElement(By.id("queue-text")).getText().equals(text));
      }
    }
    assertThat(labeled).isEqualTo(6);
    JsonNode examples = api("GET", "/v1/tasks/" + taskId + "/examples?limit=100").get("items");
    assertThat(examples).hasSize(6);
    for (JsonNode e : examples) {
      assertThat(e.get("labels").get(0).asText()).as(e.get("text").asText()).isEqualTo(gold.get(e.get("text").asText()));
    }

    // Tune now: the cross-validated macro-F1 against zero-shot.
    driver.findElement(By.id("queue-tune")).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#tune-report svg.confusion-matrix")));
    assertThat(driver.findElement(By.id("score-tuned")).getText()).matches("\\d+\\.\\d");
    screenshot("5-label-next-tuned", "#queue-count");

    // At a phone's width, after reopening: the skipped text is offered again, nothing wider than the screen.
    driver.manage().window().setSize(new Dimension(390, 844));
    driver.navigate().refresh();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#task-table tbody tr[data-task='" + taskId
        + "'] button.open"))).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("queue-text"), "Hello, is anyone there?"));
    screenshot("4-label-next", "#pool-file");
    assertThat(overflow()).as("page wider than a 390 px screen").isLessThanOrEqualTo(0);
    api("DELETE", "/v1/tasks/" + taskId);
  }

  private static JsonNode post(String path, String body) throws Exception {
    HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + path))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    return JSON.readTree(r.body());
  }

  private static void type(String css, String text) {
    WebElement e = driver.findElement(By.cssSelector(css));
    e.clear();
    e.sendKeys(text);
  }

  private static long overflow() {
    return (Long) ((JavascriptExecutor) driver).executeScript(
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
  }

  private static void screenshot(String name, String scrollTo) throws Exception {
    ((JavascriptExecutor) driver).executeScript("document.querySelector(arguments[0]).scrollIntoView({block: 'start'});",
        scrollTo);
    File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
    String suffix = driver.manage().window().getSize().getWidth() < 600 ? "-phone" : "-desktop";
    Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + suffix + ".png"), StandardCopyOption.REPLACE_EXISTING);
  }

  private static int exampleCount(String taskId) throws Exception {
    return api("GET", "/v1/tasks/" + taskId + "/examples?limit=1000").get("items").size();
  }

  private static JsonNode api(String method, String path) throws Exception {
    HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + path))
        .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
    return JSON.readTree(r.body());
  }
}
