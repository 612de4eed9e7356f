package dev.looplab.cli;

import dev.looplab.lessons.decisions.DecisionsLesson;
import dev.looplab.lessons.decisions.DecisionsSettings;
import dev.looplab.lessons.lecture.LectureLesson;
import dev.looplab.live.LiveLesson;
import dev.looplab.server.Lesson;
import java.util.List;

/** The lessons the lab server is started with. A new lesson is one more line here. */
public final class Lessons {
  private Lessons() {}

  /** Every lesson; /decisions without databases (it answers 503 and says how to get them). */
  public static List<Lesson> all() {
    return all(DecisionsSettings.unconfigured());
  }

  public static List<Lesson> all(DecisionsSettings decisions) {
    return List.of(new LectureLesson(), new LiveLesson(), new DecisionsLesson(decisions));
  }
}
