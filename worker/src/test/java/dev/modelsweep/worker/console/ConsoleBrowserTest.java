package dev.modelsweep.worker.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.modelsweep.activities.store.ArtifactStore;
import dev.modelsweep.client.ConnectionOptions;
import dev.modelsweep.client.PipelineClient;
import dev.modelsweep.client.PipelineHandle;
import dev.modelsweep.client.SweepClient;
import dev.modelsweep.pipeline.PipelineFixtures;
import dev.modelsweep.pipeline.PipelineParser;
import dev.modelsweep.pipeline.PipelineResult;
import dev.modelsweep.pipeline.StageState;
import dev.modelsweep.pipeline.StageStatus;
import dev.modelsweep.worker.EmbeddedTemporal;
import dev.modelsweep.worker.SweepWorker;
import dev.modelsweep.worker.WorkerConfig;
import dev.modelsweep.workflow.SweepProgress;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real browser: headless Chromium, driven by Selenium, against the embedded
 * service and a worker with real training. It starts a sweep from the editor (after a bad one is
 * refused with its problems at their paths), watches the leaderboard fill, opens a trial's curves,
 * pauses and resumes, stops, and then opens the sweep's report from disk, offline; and it approves
 * one pipeline's waiting gate and rejects another's with a reason. Screenshots go
 * to {@code target/console-screenshots/}. Skipped, saying why, where Chromium or its driver is
 * missing ({@code apt-get install -y chromium chromium-driver}).
 */
class ConsoleBrowserTest {

  private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

  private static final String SPEC = """
      {"name": "browser", "seed": 4, "dataset": "iris", "model": {"family": "mlp", "width": 16},
       "training": {"epochs": 60, "batchSize": 16}, "optimizer": {"type": "adam", "learningRate": 0.01},
       "search": {"strategy": "random", "trials": 400, "space": {
         "model.width": {"type": "choice", "values": [8, 16, 32]},
         "optimizer.learningRate": {"type": "float", "min": 0.001, "max": 0.1, "log": true}}}}
      """;

  @TempDir Path artifacts;

  @Test
  void startWatchSteerAndReportInChromium() throws Exception {
    assumeChromium();
    try (EmbeddedTemporal server = EmbeddedTemporal.start(0);
        SweepClient client = SweepClient.connect(ConnectionOptions.newBuilder().setTarget(server.target()).build());
        SweepWorker worker = SweepWorker.start(client.workflowClient(),
            WorkerConfig.newBuilder().setArtifactRoot(artifacts).setTrainingSlots(1).build());
        ConsoleServer console = ConsoleServer.start(client, artifacts, 0)) {
      WebDriver browser = browser();
      try {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(90));
        JavascriptExecutor js = (JavascriptExecutor) browser;

        // A bad document is refused with each problem at its JSON path; nothing starts.
        browser.get(console.url() + "#/new");
        WebElement editor = wait.until(b -> b.findElement(By.id("editor")));
        js.executeScript("arguments[0].value = arguments[1]", editor,
            SPEC.replace("\"trials\": 400", "\"trials\": \"ten\"").replace("\"mlp\"", "\"transformer\""));
        browser.findElement(By.id("start")).click();
        List<WebElement> problems = wait.until(b -> {
          List<WebElement> found = b.findElements(By.cssSelector("#problems li[data-path]"));
          return found.isEmpty() ? null : found;
        });
        List<String> paths = problems.stream().map(p -> p.getAttribute("data-path")).toList();
        assertTrue(paths.contains("$.search.trials"), paths.toString());
        assertTrue(paths.contains("$.model.family"), paths.toString());
        shot(browser, "1-problems");
        assertTrue(client.list(10).isEmpty(), "a refused document started something");

        // A good one starts and the leaderboard fills as trials end.
        js.executeScript("arguments[0].value = arguments[1]", browser.findElement(By.id("editor")), SPEC);
        browser.findElement(By.id("start")).click();
        wait.until(b -> b.findElements(By.cssSelector("#leaderboard-table tr[data-trial]")).size() >= 4);
        String id = client.list(10).get(0).id();
        assertTrue(browser.getCurrentUrl().endsWith("#/view/" + id), browser.getCurrentUrl());
        shot(browser, "2-leaderboard");

        // A trial's curves open when its row is clicked.
        WebElement row = browser.findElements(By.cssSelector("#leaderboard-table tr[data-trial]:not(.selected)")).get(0);
        String trial = row.getAttribute("data-trial");
        row.click();
        wait.until(b -> seriesNames(js, "chart-curves").contains(trial + " train_loss"));
        Thread.sleep(2500); // past a refresh of the page: the trial stays shown
        assertTrue(seriesNames(js, "chart-curves").contains(trial + " val_accuracy"), seriesNames(js, "chart-curves").toString());
        assertTrue(browser.findElement(By.cssSelector("#leaderboard-table tr[data-trial='" + trial + "']"))
            .getAttribute("class").contains("selected"));
        shot(browser, "3-curves");

        // Pause: the page and the sweep say so; resume: they run again.
        browser.findElement(By.id("action-pause")).click();
        wait.until(b -> b.findElement(By.id("view-status")).getText().equals("paused"));
        assertEquals(SweepProgress.State.PAUSED, client.handle(id).progress().state());
        shot(browser, "4-paused");
        browser.findElement(By.id("action-resume")).click();
        wait.until(b -> b.findElement(By.id("view-status")).getText().equals("running"));
        assertEquals(SweepProgress.State.RUNNING, client.handle(id).progress().state());
        browser.findElement(By.id("action-stop")).click();
        wait.until(b -> b.findElement(By.id("view-status")).getText().equals("completed"));
        assertTrue(client.handle(id).result().stopped());
        shot(browser, "5-stopped");

        // The report opens from disk with no server: every chart is drawn from what it carries.
        Path report = ReportWriter.write(new SweepViews(client, new ArtifactStore(artifacts)).of(id, true),
            SCREENSHOTS.resolve("report-" + id + ".html"));
        String html = Files.readString(report);
        assertFalse(java.util.regex.Pattern.compile("<script[^>]*\\ssrc=").matcher(html).find() || html.contains("<link "),
            "the report must load no script or stylesheet: everything is inlined");
        browser.get(report.toUri().toString());
        for (String chart : List.of("chart-curves", "chart-history", "chart-parallel", "chart-importance")) {
          wait.until(b -> !seriesNames(js, chart).isEmpty());
          assertFalse(browser.findElements(By.cssSelector("#" + chart + " canvas")).isEmpty(), chart + " has no canvas");
        }
        assertTrue(browser.findElements(By.cssSelector("#leaderboard-table tr[data-trial]")).size() >= 3);
        shot(browser, "6-report");
      } finally {
        browser.quit();
      }
    }
  }

  @Test
  void approveAndRejectAWaitingGateInChromium() throws Exception {
    assumeChromium();
    try (EmbeddedTemporal server = EmbeddedTemporal.start(0);
        SweepClient client = SweepClient.connect(ConnectionOptions.newBuilder().setTarget(server.target()).build());
        SweepWorker worker = SweepWorker.start(client.workflowClient(),
            WorkerConfig.newBuilder().setArtifactRoot(artifacts).setTrainingSlots(1).build());
        ConsoleServer console = ConsoleServer.start(client, artifacts, 0)) {
      PipelineClient pipelines = PipelineClient.of(client.workflowClient());
      // Nothing holds the alias yet: the first gate passes by itself. Then a model over maxParams waits.
      pipelines.start(PipelineParser.parse(PipelineFixtures.gated("first", "")), "first").result();
      PipelineHandle approved = pipelines.start(PipelineParser.parse(PipelineFixtures.gated("approved", ", \"maxParams\": 10")),
          "approved");
      PipelineHandle rejected = pipelines.start(PipelineParser.parse(PipelineFixtures.gated("rejected", ", \"maxParams\": 10")),
          "rejected");
      WebDriver browser = browser();
      try {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(90));

        browser.get(console.url() + "#/view/approved");
        WebElement approve = wait.until(b -> b.findElement(By.id("gate-approve-gate")));
        shot(browser, "7-gate-waiting");
        approve.click();
        wait.until(b -> b.findElement(By.id("gate-result")).getText().equals("gate gate: approved"));
        PipelineResult passed = approved.result();
        assertTrue(stage(passed, "gate").reason().startsWith("approved by a person"), stage(passed, "gate").reason());
        assertEquals(StageStatus.COMPLETED, stage(passed, "promote").status());
        wait.until(b -> b.findElement(By.id("view-status")).getText().equals("completed"));
        assertTrue(browser.findElements(By.cssSelector("#gate-actions button")).isEmpty(), "no gate waits any more");

        browser.get(console.url() + "#/view/rejected");
        WebElement reason = wait.until(b -> b.findElement(By.id("gate-reason-gate")));
        Thread.sleep(2500); // past a refresh of the page: what is typed stays
        reason.sendKeys("too big for the phone");
        Thread.sleep(2500);
        browser.findElement(By.id("gate-reject-gate")).click();
        wait.until(b -> b.findElement(By.id("gate-result")).getText().equals("gate gate: rejected"));
        PipelineResult failed = rejected.outcome();
        assertEquals("rejected: too big for the phone", stage(failed, "gate").reason());
        assertEquals(StageStatus.FAILED, stage(failed, "promote").status());
        shot(browser, "8-gate-rejected");
      } finally {
        browser.quit();
      }
    }
  }

  private static StageState stage(PipelineResult result, String id) {
    return result.stages().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
  }

  /** Skips the test, saying why, where Chromium or its driver is missing. */
  private static void assumeChromium() {
    assumeTrue(onPath("chromium", "chromium-browser", "google-chrome").isPresent() && onPath("chromedriver").isPresent(),
        "Chromium or chromedriver is not installed (apt-get install -y chromium chromium-driver); skipping the browser test");
  }

  /** Headless Chromium through its driver. */
  private static WebDriver browser() throws Exception {
    Optional<Path> chromium = onPath("chromium", "chromium-browser", "google-chrome");
    Optional<Path> driver = onPath("chromedriver");
    Files.createDirectories(SCREENSHOTS);
    ChromeOptions options = new ChromeOptions()
        .setBinary(chromium.get().toFile())
        .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--window-size=1300,2000");
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver.get().toFile()).build();
    return new ChromeDriver(service, options);
  }

  /** The names of the series an ECharts chart draws, or none when it is not drawn. */
  @SuppressWarnings("unchecked")
  private static List<String> seriesNames(JavascriptExecutor js, String chartId) {
    Object names = js.executeScript(
        "const c = window.echarts && echarts.getInstanceByDom(document.getElementById(arguments[0]));"
            + "return c ? c.getOption().series.filter(s => (s.data || []).length > 0).map(s => s.name || s.type) : [];",
        chartId);
    return (List<String>) names;
  }

  private static void shot(WebDriver browser, String name) throws Exception {
    File png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
    Files.copy(png.toPath(), SCREENSHOTS.resolve(name + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  private static Optional<Path> onPath(String... names) {
    String path = System.getenv().getOrDefault("PATH", "");
    return Stream.of(names)
        .flatMap(name -> Stream.of(path.split(File.pathSeparator)).map(dir -> Path.of(dir, name)))
        .filter(Files::isExecutable)
        .findFirst();
  }
}
