package dev.modelsweep.worker.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code modelsweep report}: the console's page for one sweep or pipeline as a single HTML file that
 * opens offline. The page, its stylesheet, ECharts and the console's script are inlined, and the
 * view (every trial's curves included) is embedded as {@code window.MODELSWEEP_REPORT}, which the
 * script draws instead of asking the API.
 */
public final class ReportWriter {

  private ReportWriter() {}

  /** The report of {@code view} as HTML text. */
  public static String html(SweepView view) {
    String page = ConsoleServer.text(ConsolePage.INDEX);
    page = replaceOnce(page, "<link rel=\"stylesheet\" href=\"assets/console.css\">",
        "<style>\n" + ConsoleServer.text(ConsolePage.CSS) + "</style>");
    page = replaceOnce(page, "<script src=\"assets/echarts.min.js\"></script>",
        "<script>\n" + inline(ConsoleServer.text(ConsoleServer.ECHARTS)) + "\n</script>");
    page = replaceOnce(page, "<script src=\"assets/console.js\"></script>",
        "<script>\nwindow.MODELSWEEP_REPORT = " + data(view) + ";\n</script>\n<script>\n"
            + inline(ConsoleServer.text(ConsolePage.SCRIPT)) + "\n</script>");
    page = replaceOnce(page, "<title>ModelSweep console</title>", "<title>ModelSweep report: " + escape(view.id()) + "</title>");
    return replaceOnce(page, "<nav id=\"nav\"><a href=\"#/\">Sweeps and pipelines</a> <a href=\"#/new\" id=\"nav-new\">Start</a></nav>",
        "<nav id=\"nav\">report</nav>");
  }

  /** Writes the report of {@code view} to {@code file} and returns the file's absolute path. */
  public static Path write(SweepView view, Path file) throws IOException {
    Path target = file.toAbsolutePath().normalize();
    if (target.getParent() != null) {
      Files.createDirectories(target.getParent());
    }
    Files.writeString(target, html(view), StandardCharsets.UTF_8);
    return target;
  }

  /** The view as a JavaScript literal that cannot close its script element early. */
  private static String data(SweepView view) {
    try {
      return ConsoleServer.JSON.writeValueAsString(view).replace("</", "<\\/").replace("<!--", "<\\!--");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A script's text, safe inside a script element. */
  private static String inline(String script) {
    return script.replace("</script", "<\\/script");
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static String replaceOnce(String text, String what, String with) {
    int at = text.indexOf(what);
    if (at < 0) {
      throw new IllegalStateException("the console page lost " + what);
    }
    return text.substring(0, at) + with + text.substring(at + what.length());
  }
}
