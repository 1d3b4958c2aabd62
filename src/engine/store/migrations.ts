/**
 * The schema, as an append-only list of migrations. Never edit a shipped entry:
 * add a new one, so that every lab file on disk can be brought forward.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
  /**
   * Rebuilds a table that others reference: foreign keys are off while it runs (dropping the old
   * table must not cascade), and checked before it commits.
   */
  rebuildsTables?: boolean;
}

export const migrations: Migration[] = [
  {
    version: 1,
    name: 'corpora',
    sql: `
      CREATE TABLE corpora (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        source TEXT NOT NULL,
        created_at TEXT NOT NULL,
        files INTEGER NOT NULL,
        bytes INTEGER NOT NULL,
        tokens INTEGER NOT NULL,
        types INTEGER NOT NULL,
        hapax INTEGER NOT NULL,
        min_count INTEGER NOT NULL,
        types_at_min_count INTEGER NOT NULL,
        lowercase INTEGER NOT NULL,
        ingest_seconds REAL NOT NULL,
        synthetic INTEGER NOT NULL DEFAULT 0
      );
      CREATE TABLE corpus_files (
        corpus_id INTEGER NOT NULL REFERENCES corpora(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        path TEXT NOT NULL,
        bytes INTEGER NOT NULL,
        tokens INTEGER NOT NULL,
        first_token INTEGER NOT NULL,
        encoding TEXT NOT NULL,
        sha1 TEXT NOT NULL,
        PRIMARY KEY (corpus_id, idx)
      ) WITHOUT ROWID;
      CREATE TABLE corpus_skipped (
        corpus_id INTEGER NOT NULL REFERENCES corpora(id) ON DELETE CASCADE,
        path TEXT NOT NULL,
        reason TEXT NOT NULL
      );
      CREATE INDEX corpus_skipped_by_corpus ON corpus_skipped(corpus_id);
      -- The vocabulary in one row: words joined by newlines (a token never holds
      -- one) and their counts as uint32 LE. Word ids are ranks: id 0 is the most
      -- frequent word (ties by first occurrence), so a min-count cut is a prefix of the ids.
      CREATE TABLE corpus_vocab (
        corpus_id INTEGER PRIMARY KEY REFERENCES corpora(id) ON DELETE CASCADE,
        words TEXT NOT NULL,
        counts BLOB NOT NULL
      );
      -- The token-id stream in chunks of LEB128 varints (store/varint.ts).
      CREATE TABLE token_chunks (
        corpus_id INTEGER NOT NULL REFERENCES corpora(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        first_token INTEGER NOT NULL,
        count INTEGER NOT NULL,
        ids BLOB NOT NULL,
        UNIQUE (corpus_id, seq)
      );
      -- Token offsets where a paragraph or a document starts (uint32 LE, sorted).
      CREATE TABLE corpus_breaks (
        corpus_id INTEGER PRIMARY KEY REFERENCES corpora(id) ON DELETE CASCADE,
        offsets BLOB NOT NULL
      );
    `,
  },
  {
    version: 2,
    name: 'runs and co-occurrence cache',
    sql: `
      CREATE TABLE runs (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        corpus_id INTEGER REFERENCES corpora(id) ON DELETE SET NULL,
        method TEXT NOT NULL,
        params TEXT NOT NULL,
        -- running | done | failed | cancelled | interrupted (its process died)
        status TEXT NOT NULL,
        created_at TEXT NOT NULL,
        finished_at TEXT,
        seconds REAL,
        owner_pid INTEGER,
        error TEXT,
        log TEXT NOT NULL DEFAULT '',
        phases TEXT NOT NULL DEFAULT '{}',
        metrics TEXT NOT NULL DEFAULT '{}',
        dim INTEGER,
        vocab INTEGER
      );
      CREATE INDEX runs_by_corpus ON runs(corpus_id);
      -- Trained vectors, one row per run: words as in corpus_vocab, float32 LE matrices.
      CREATE TABLE run_vectors (
        run_id INTEGER PRIMARY KEY REFERENCES runs(id) ON DELETE CASCADE,
        words TEXT NOT NULL,
        counts BLOB NOT NULL,
        dim INTEGER NOT NULL,
        w BLOB NOT NULL,
        c BLOB
      );
      -- Curves and spectra of a run (JSON arrays).
      CREATE TABLE run_series (
        run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        data TEXT NOT NULL,
        PRIMARY KEY (run_id, name)
      ) WITHOUT ROWID;
      -- Co-occurrence tables (upper triangle, CSR), cached per corpus and window options.
      CREATE TABLE cooc_cache (
        id INTEGER PRIMARY KEY,
        corpus_id INTEGER NOT NULL REFERENCES corpora(id) ON DELETE CASCADE,
        key TEXT NOT NULL,
        vocab INTEGER NOT NULL,
        nnz INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        row_ptr BLOB NOT NULL,
        UNIQUE (corpus_id, key)
      );
      CREATE TABLE cooc_chunks (
        cache_id INTEGER NOT NULL REFERENCES cooc_cache(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        cols BLOB NOT NULL,
        vals BLOB NOT NULL,
        PRIMARY KEY (cache_id, seq)
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 3,
    name: 'evaluation results',
    sql: `
      CREATE TABLE run_evals (
        run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,        -- analogy | similarity
        dataset TEXT NOT NULL,     -- google, msr, ws353, ... or a file name
        method TEXT NOT NULL,      -- add | mul for analogies, '' for similarity
        restrict_vocab INTEGER NOT NULL,
        result TEXT NOT NULL,      -- JSON summary
        answers TEXT,              -- JSON per-question answers (analogies)
        created_at TEXT NOT NULL,
        PRIMARY KEY (run_id, kind, dataset, method)
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 4,
    name: 'rand-walk ground truth',
    sql: `
      -- Ground truth of a RAND-WALK corpus: vectors (float32 LE, corpus word-id
      -- order, one row per word of corpus_vocab), parameters, planted analogies,
      -- the theory checks and the generation figures (JSON).
      CREATE TABLE randwalk_truth (
        corpus_id INTEGER PRIMARY KEY REFERENCES corpora(id) ON DELETE CASCADE,
        params TEXT NOT NULL,
        dim INTEGER NOT NULL,
        vectors BLOB NOT NULL,
        planted TEXT NOT NULL,
        theory TEXT NOT NULL,
        stats TEXT NOT NULL DEFAULT '{}'
      );
    `,
  },
  {
    version: 5,
    name: 'run matrices in chunks',
    sql: `
      -- A run's W and C in pieces of at most 1M floats (float32 LE, row-major),
      -- so that saving or loading never holds a whole matrix twice, and no
      -- matrix meets SQLite's blob size limit. Rows of run_vectors written
      -- from now on leave w empty and c NULL; older rows keep theirs.
      CREATE TABLE run_matrix_chunks (
        run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        matrix TEXT NOT NULL CHECK (matrix IN ('w', 'c')),
        seq INTEGER NOT NULL,
        data BLOB NOT NULL,
        PRIMARY KEY (run_id, matrix, seq)
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 6,
    name: 'ids are never reused',
    rebuildsTables: true,
    sql: `
      -- INTEGER PRIMARY KEY alone hands out max(id) + 1, so removing the newest corpus or run
      -- gave its id to the next one, and anything holding the old id (a cache, a browser tab,
      -- a script) silently read the new one. AUTOINCREMENT never reuses an id.
      CREATE TABLE corpora_v6 (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        name TEXT NOT NULL,
        source TEXT NOT NULL,
        created_at TEXT NOT NULL,
        files INTEGER NOT NULL,
        bytes INTEGER NOT NULL,
        tokens INTEGER NOT NULL,
        types INTEGER NOT NULL,
        hapax INTEGER NOT NULL,
        min_count INTEGER NOT NULL,
        types_at_min_count INTEGER NOT NULL,
        lowercase INTEGER NOT NULL,
        ingest_seconds REAL NOT NULL,
        synthetic INTEGER NOT NULL DEFAULT 0
      );
      INSERT INTO corpora_v6 SELECT id, name, source, created_at, files, bytes, tokens, types, hapax, min_count,
        types_at_min_count, lowercase, ingest_seconds, synthetic FROM corpora;
      DROP TABLE corpora;
      ALTER TABLE corpora_v6 RENAME TO corpora;
      CREATE TABLE runs_v6 (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        name TEXT NOT NULL,
        corpus_id INTEGER REFERENCES corpora(id) ON DELETE SET NULL,
        method TEXT NOT NULL,
        params TEXT NOT NULL,
        -- running | done | failed | cancelled | interrupted (its process died)
        status TEXT NOT NULL,
        created_at TEXT NOT NULL,
        finished_at TEXT,
        seconds REAL,
        owner_pid INTEGER,
        error TEXT,
        log TEXT NOT NULL DEFAULT '',
        phases TEXT NOT NULL DEFAULT '{}',
        metrics TEXT NOT NULL DEFAULT '{}',
        dim INTEGER,
        vocab INTEGER
      );
      INSERT INTO runs_v6 SELECT id, name, corpus_id, method, params, status, created_at, finished_at, seconds, owner_pid,
        error, log, phases, metrics, dim, vocab FROM runs;
      DROP TABLE runs;
      ALTER TABLE runs_v6 RENAME TO runs;
      CREATE INDEX runs_by_corpus ON runs(corpus_id);
    `,
  },
  {
    version: 7,
    name: 'a running run names its owner by process id and start time',
    sql: `
      -- owner_pid alone is reused after a restart, so a dead owner could look alive forever.
      ALTER TABLE runs ADD COLUMN owner TEXT;
      UPDATE runs SET owner = CAST(owner_pid AS TEXT) WHERE owner_pid IS NOT NULL;
    `,
  },
  {
    version: 8,
    name: 'training checkpoints, from which an interrupted run resumes',
    sql: `
      -- The last checkpoint of a run that is training, or that stopped before it finished
      -- (killed, interrupted, cancelled): its method's counters as JSON, and its arrays in
      -- pieces. One per run, replaced whole in one transaction; gone when the run ends done or failed.
      CREATE TABLE run_checkpoints (
        run_id INTEGER PRIMARY KEY REFERENCES runs(id) ON DELETE CASCADE,
        saved_at TEXT NOT NULL,
        progress TEXT NOT NULL,
        state TEXT NOT NULL
      );
      CREATE TABLE run_checkpoint_chunks (
        run_id INTEGER NOT NULL REFERENCES run_checkpoints(run_id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        dtype TEXT NOT NULL CHECK (dtype IN ('f32', 'f64', 'u32')),
        seq INTEGER NOT NULL,
        data BLOB NOT NULL,
        PRIMARY KEY (run_id, name, seq)
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 9,
    name: 'the progress of running jobs, for the other processes on the lab',
    sql: `
      -- What a job's thread is doing now, so that a UI on the same lab file shows a job that
      -- another process runs (a CLI train, say) as its own. Written by the job's thread at most
      -- twice a second; at the end its status says how it ended, and the row goes a minute later.
      -- owner: the process (pid:start time, as runs.owner); runner: one job runner (a Lab) in it.
      CREATE TABLE job_progress (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        owner TEXT NOT NULL,
        runner TEXT NOT NULL,
        job_id INTEGER NOT NULL,
        kind TEXT NOT NULL,
        title TEXT NOT NULL,
        subject TEXT NOT NULL DEFAULT '{}',
        started_at TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'done', 'failed', 'cancelled')),
        error TEXT,
        result TEXT,
        phase TEXT NOT NULL,
        done REAL NOT NULL,
        total REAL NOT NULL,
        unit TEXT NOT NULL,
        detail TEXT NOT NULL DEFAULT '{}',
        elapsed REAL NOT NULL,
        eta REAL,
        -- milliseconds since the epoch: a reader ages elapsed and eta by the time since
        updated_at INTEGER NOT NULL,
        UNIQUE (runner, job_id)
      );
    `,
  },
  {
    version: 10,
    name: 'experiments: grids of ordinary runs',
    sql: `
      -- An experiment is a grid (corpora × methods × per-parameter value lists, evaluated on chosen
      -- sets) whose cells are ordinary runs. Its spec is the grid as JSON; its status is running,
      -- done, failed, cancelled or interrupted (its process died: a later start marks it so).
      CREATE TABLE experiments (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        name TEXT NOT NULL,
        created_at TEXT NOT NULL,
        finished_at TEXT,
        status TEXT NOT NULL,
        spec TEXT NOT NULL,
        error TEXT,
        owner TEXT
      );
      -- One row per cell, in the grid's order (position). run_id is null until the cell starts,
      -- and again if its run is removed (the cell is then pending and reruns on resume).
      CREATE TABLE experiment_runs (
        experiment_id INTEGER NOT NULL REFERENCES experiments(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        corpus_id INTEGER REFERENCES corpora(id) ON DELETE SET NULL,
        method TEXT NOT NULL,
        params TEXT NOT NULL,
        run_id INTEGER REFERENCES runs(id) ON DELETE SET NULL,
        evaluated INTEGER NOT NULL DEFAULT 0,
        eval_seconds REAL,
        peak_rss_mb REAL,
        shared TEXT,
        PRIMARY KEY (experiment_id, position)
      ) WITHOUT ROWID;
      CREATE UNIQUE INDEX experiment_runs_by_run ON experiment_runs(run_id);
    `,
  },
  {
    version: 11,
    name: 'window marginals of a corpus, for explaining word pairs',
    sql: `
      -- #(w) for every word of a corpus's vocabulary cut in one window (the key is the co-occurrence
      -- cache's: min count, max vocabulary, window, weighting, subsampling) and |D|: one pass over every
      -- pair of positions, kept so that the next pair in the same window answers at once.
      CREATE TABLE pair_marginals (
        corpus_id INTEGER NOT NULL REFERENCES corpora(id) ON DELETE CASCADE,
        key TEXT NOT NULL,
        sums BLOB NOT NULL,
        total REAL NOT NULL,
        PRIMARY KEY (corpus_id, key)
      ) WITHOUT ROWID;
    `,
  },
];
