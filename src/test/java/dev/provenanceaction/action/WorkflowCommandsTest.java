package dev.provenanceaction.action;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WorkflowCommandsTest {
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);

  private String printed() {
    return buffer.toString(StandardCharsets.UTF_8);
  }

  @Test
  void errorEscapesTitleAndMessage() {
    WorkflowCommands.forRunner(out).error("a:b,c", "100% done\r\nnext");
    assertEquals("::error title=a%3Ab%2Cc::100%25 done%0D%0Anext\n", printed());
  }

  @Test
  void outsideTextCannotStartACommandOfItsOwn() {
    WorkflowCommands.forRunner(out).info("pkg.whl\n::add-mask::x\n::stop-commands::tok");
    assertEquals("pkg.whl%0A::add-mask::x%0A::stop-commands::tok\n", printed());
  }

  @Test
  void aPlainLineNeverStartsACommandNorHoldsALegacyOne() {
    WorkflowCommands.forRunner(out).info(" \u00a0::set-output name=a::b ##[add-mask]c");
    assertEquals(" \u00a0%3A:set-output name=a::b ##%5Badd-mask]c\n", printed());
  }

  @Test
  void maskedValuesAreRedactedFromEveryLaterLineOnARunnerAndATerminal() {
    WorkflowCommands runner = WorkflowCommands.forRunner(out);
    runner.addMask("tok");
    runner.addMask("tok");
    runner.error("tok", "bad tok in tokens");
    WorkflowCommands terminal = WorkflowCommands.forTerminal(out);
    terminal.addMask("s3cr3t");
    terminal.info("echo s3cr3t");
    assertEquals("::add-mask::tok\n::error title=***::bad *** in ***ens\necho ***\n", printed());
  }

  @Test
  void maskIsARunnerCommandAndSilentOnATerminal() {
    WorkflowCommands.forRunner(out).addMask("s3cr%t");
    WorkflowCommands.forTerminal(out).addMask("s3cr%t");
    assertEquals("::add-mask::s3cr%25t\n", printed());
  }

  @Test
  void terminalGetsPlainLines() {
    WorkflowCommands.forTerminal(out).error("Invalid subjects", "line 2: bad");
    assertEquals("error: line 2: bad\n", printed());
  }
}
