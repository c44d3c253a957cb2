package dev.modelsweep.worker.console;

/** Where the console page's files are in the jar; the server serves them, the report inlines them. */
final class ConsolePage {

  static final String INDEX = ConsoleServer.PAGE + "index.html";
  static final String CSS = ConsoleServer.PAGE + "console.css";
  static final String SCRIPT = ConsoleServer.PAGE + "console.js";

  private ConsolePage() {}
}
