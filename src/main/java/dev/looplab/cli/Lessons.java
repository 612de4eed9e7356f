package dev.looplab.cli;

import dev.looplab.lessons.lecture.LectureLesson;
import dev.looplab.live.LiveLesson;
import dev.looplab.server.Lesson;
import java.util.List;

/** The lessons the lab server is started with. A new lesson is one more line here. */
public final class Lessons {
  private Lessons() {}

  public static List<Lesson> all() {
    return List.of(new LectureLesson(), new LiveLesson());
  }
}
