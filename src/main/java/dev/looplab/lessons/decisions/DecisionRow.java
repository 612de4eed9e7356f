package dev.looplab.lessons.decisions;

/** One row of table {@code decisions}: what was asked, what was answered, and how. */
record DecisionRow(String requestId, String client, String features, String decision, double score, String cache) {
  static final String CREATE_TABLE = """
      CREATE TABLE IF NOT EXISTS decisions (
        id bigserial PRIMARY KEY,
        request_id text,
        client text NOT NULL,
        features text NOT NULL,
        decision text NOT NULL,
        score double precision NOT NULL,
        cache text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now())""";

  /** The wait happens in the database, in the same statement: {@code pg_sleep} yields one row to insert. */
  static final String INSERT_JDBC = "INSERT INTO decisions (request_id, client, features, decision, score, cache) "
      + "SELECT ?, ?, ?, ?, ?, ? FROM pg_sleep(?)";
  static final String INSERT_REACTIVE = "INSERT INTO decisions (request_id, client, features, decision, score, cache) "
      + "SELECT $1, $2, $3, $4, $5, $6 FROM pg_sleep($7)";
}
