package org.neonmigrate.sandbox.neon;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Injected trouble: random error rates, added latency, one-shot failures per route, answers lost
 * after the work was done, and transfers that take effect slowly.
 */
public final class Faults {

  /**
   * Probabilities (0..1) of answering 500, 503 or 429 at random, and latency added to every call.
   */
  public record Settings(double error500, double error503, double error429, long latencyMs) {
    public Settings {
      for (double p : new double[] {error500, error503, error429}) {
        if (p < 0 || p > 1) {
          throw new IllegalArgumentException("fault probabilities must be within 0..1");
        }
      }
      if (error500 + error503 + error429 > 1) {
        throw new IllegalArgumentException("fault probabilities must add up to at most 1");
      }
      if (latencyMs < 0) {
        throw new IllegalArgumentException("latency must not be negative");
      }
    }

    public static Settings none() {
      return new Settings(0, 0, 0, 0);
    }
  }

  /** When a one-shot failure strikes relative to the real work. */
  public enum When {
    /** The request is refused; nothing changes. */
    BEFORE,
    /** The request takes effect, then the response is an error: a lost response. */
    AFTER
  }

  /** Fail the next {@code count} calls to {@code route} (e.g. "GET /projects") with status. */
  public record OneShot(String route, int status, int count, When when) {}

  /**
   * How slowly an accepted transfer goes. For {@code settleMs} after Neon accepted it, its projects
   * stay listed in the source and are locked (another transfer naming one answers 423); then they
   * move all at once. The POST answers {@code answerAfterMs} after it was accepted, so with {@code
   * answerAfterMs >= settleMs} it answers once the move is done (a slow synchronous call that a
   * client may give up on), and with less it answers 200 before the projects have moved.
   */
  public record TransferPace(long settleMs, long answerAfterMs) {
    public TransferPace {
      if (settleMs < 0 || answerAfterMs < 0) {
        throw new IllegalArgumentException("transfer pace delays must not be negative");
      }
      if (settleMs > 600_000 || answerAfterMs > 600_000) {
        throw new IllegalArgumentException("transfer pace delays must be at most 600000 ms");
      }
    }

    public static TransferPace immediate() {
      return new TransferPace(0, 0);
    }
  }

  /**
   * The probability (0..1) that a call which changes state (any method but GET) is carried out and
   * its answer then lost: the connection closes without a response, so the caller cannot tell
   * whether it took effect.
   */
  public record LostResponses(double probability) {
    public LostResponses {
      if (probability < 0 || probability > 1) {
        throw new IllegalArgumentException("probability must be within 0..1");
      }
    }
  }

  private final Random random;
  private volatile Settings settings = Settings.none();
  private volatile LostResponses lostResponses = new LostResponses(0);
  private long answersLost;
  private long randomErrors;
  private volatile TransferPace transferPace = TransferPace.immediate();
  private final List<OneShot> oneShots = new ArrayList<>();

  public Faults(long seed) {
    this.random = new Random(seed);
  }

  public Settings settings() {
    return settings;
  }

  public void update(Settings newSettings) {
    settings = newSettings;
  }

  public LostResponses lostResponses() {
    return lostResponses;
  }

  public void update(LostResponses lost) {
    lostResponses = lost;
  }

  /** Whether the dice say to lose the answer of a call that was carried out. */
  public synchronized boolean loseThisAnswer() {
    double p = lostResponses.probability();
    boolean lose = p > 0 && random.nextDouble() < p;
    if (lose) {
      answersLost++;
    }
    return lose;
  }

  /** How many answers were lost, and how many random errors answered, since the start. */
  public synchronized long answersLost() {
    return answersLost;
  }

  public synchronized long randomErrorsAnswered() {
    return randomErrors;
  }

  public TransferPace transferPace() {
    return transferPace;
  }

  public void update(TransferPace pace) {
    transferPace = pace;
  }

  public synchronized void add(OneShot oneShot) {
    if (oneShot.count() < 1 || oneShot.status() < 400 || oneShot.status() > 599) {
      throw new IllegalArgumentException("a one-shot needs count >= 1 and a 4xx/5xx status");
    }
    oneShots.add(oneShot);
  }

  public synchronized List<OneShot> oneShots() {
    return List.copyOf(oneShots);
  }

  public synchronized void clear() {
    settings = Settings.none();
    transferPace = TransferPace.immediate();
    lostResponses = new LostResponses(0);
    oneShots.clear();
    answers.clear();
  }

  /** Consumes and returns the first pending one-shot for the route at that moment, if any. */
  public synchronized Optional<OneShot> takeOneShot(String route, When when) {
    Iterator<OneShot> it = oneShots.iterator();
    for (int i = 0; it.hasNext(); i++) {
      OneShot shot = it.next();
      if (shot.route().equals(route) && shot.when() == when) {
        if (shot.count() == 1) {
          it.remove();
        } else {
          oneShots.set(i, new OneShot(shot.route(), shot.status(), shot.count() - 1, when));
        }
        return Optional.of(shot);
      }
    }
    return Optional.empty();
  }

  /** A random error status to answer with, if the dice say so. */
  public synchronized Optional<Integer> randomError() {
    Settings s = settings;
    double roll = random.nextDouble();
    Optional<Integer> status = Optional.empty();
    if (roll < s.error500()) {
      status = Optional.of(500);
    } else if (roll < s.error500() + s.error503()) {
      status = Optional.of(503);
    } else if (roll < s.error500() + s.error503() + s.error429()) {
      status = Optional.of(429);
    }
    if (status.isPresent()) {
      randomErrors++;
    }
    return status;
  }

  /**
   * Answer the next {@code count} calls to {@code route} with {@code status} and the JSON {@code
   * body} instead of doing the work: how a proxy, an incident or a changed API answers (a 200
   * {@code {}}, a 404 for an org that exists).
   */
  public record Answer(String route, int status, String body, int count) {
    public Answer {
      if (route == null || count < 1 || status < 200 || status > 599) {
        throw new IllegalArgumentException("an answer needs a route, count >= 1, status 200..599");
      }
    }
  }

  private final List<Answer> answers = new ArrayList<>();

  public synchronized void add(Answer answer) {
    answers.add(answer);
  }

  public synchronized List<Answer> answers() {
    return List.copyOf(answers);
  }

  /** Consumes and returns the first pending answer for the route, if any. */
  public synchronized Optional<Answer> takeAnswer(String route) {
    for (int i = 0; i < answers.size(); i++) {
      Answer answer = answers.get(i);
      if (answer.route().equals(route)) {
        if (answer.count() == 1) {
          answers.remove(i);
        } else {
          answers.set(
              i, new Answer(answer.route(), answer.status(), answer.body(), answer.count() - 1));
        }
        return Optional.of(answer);
      }
    }
    return Optional.empty();
  }
}
