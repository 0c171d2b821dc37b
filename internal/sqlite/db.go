// Package sqlite stores the platform in SQLite through database/sql: foreign
// keys on, numbered migrations in migrations/, and every write in a
// transaction where the driver has them. It serves two drivers with the same
// code: modernc.org/sqlite on one machine (Open, in open.go) and Cloudflare
// D1 on Workers (New with Options.NoTransactions, from cmd/xkit-worker).
//
// Writes take turns: one at a time per process, in the order they came
// (see tx), so on one machine they queue in Go instead of failing on
// SQLite's lock. What the database reports is turned into platform errors
// in one place (storeError): a busy or failing database is EUNAVAILABLE.
//
// D1 cannot BEGIN through its API: there every write that touches several
// rows is one D1 batch, which is atomic (see atomic and tx).
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/xkit-wasm/xkit/internal/platform"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// DB is the SQLite implementation of platform.Store.
type DB struct {
	db *sql.DB // reads
	w  *sql.DB // writes (the same *sql.DB as db unless Open split them)
	// Kept prepared statements of each pool (see stmts), and r, the reads'
	// conn through them.
	rs, ws *stmts
	r      conn
	// turn is held by the one write running in this process; waiting
	// writers queue on it in order.
	turn chan struct{}
	// turnWait bounds how long a write waits for its turn before it
	// answers EUNAVAILABLE.
	turnWait time.Duration
	opts     Options
	// connectors is the decoded connector list of one connectors_version.
	connectors atomic.Pointer[connectorSet]
}

var _ platform.Store = (*DB)(nil)

// Options say what the driver behind a *sql.DB can do.
type Options struct {
	// NoTransactions: the driver cannot begin a transaction (Cloudflare
	// D1). Batch is then required.
	NoTransactions bool
	// Batch runs statements atomically in one round trip (D1's batch, itself
	// a transaction): without transactions, every write of several rows and
	// every migration goes through it.
	Batch func(ctx context.Context, stmts []Statement) error
}

// Statement is one SQL statement with its arguments.
type Statement struct {
	SQL  string
	Args []any
}

// New uses db (any SQLite driver; the caller set its pragmas) for reads
// and writes and migrates it to the newest schema version.
func New(ctx context.Context, db *sql.DB, o Options) (*DB, error) {
	return newDB(ctx, db, db, o)
}

// defaultTurnWait is how long a write waits for the writes before it. It
// matches the busy timeout Open gives SQLite for writers of other
// processes.
const defaultTurnWait = 5 * time.Second

func newDB(ctx context.Context, reads, writes *sql.DB, o Options) (*DB, error) {
	if o.NoTransactions && o.Batch == nil {
		return nil, errors.New("sqlite: without transactions, Options.Batch is required")
	}
	d := &DB{db: reads, w: writes, rs: newStmts(reads), ws: newStmts(writes), opts: o, turn: make(chan struct{}, 1), turnWait: defaultTurnWait}
	d.r = d.rs.on(nil)
	if err := d.migrate(ctx); err != nil {
		return nil, err
	}
	return d, nil
}

// Close closes the database.
func (d *DB) Close() error {
	d.rs.close()
	d.ws.close()
	err := d.db.Close()
	if d.w != d.db {
		err = errors.Join(err, d.w.Close())
	}
	return err
}

// SchemaVersion returns the newest applied migration number.
func (d *DB) SchemaVersion(ctx context.Context) (int, error) {
	var v int
	err := d.db.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&v)
	return v, err
}

// migrate applies, in order and each in one transaction (one batch on
// D1), every migration file NNN_name.sql not yet in schema_migrations.
func (d *DB) migrate(ctx context.Context) error {
	// The Worker opens the store on every request: an up-to-date database
	// costs this one query. It counts the applied versions too, so a file
	// numbered below the newest (merged from a branch later) still runs.
	var n, newest int
	err := d.db.QueryRowContext(ctx, `SELECT COUNT(*), COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&n, &newest)
	if files, last := migrationCount(); err == nil && n == files && newest == last {
		return nil
	}
	if _, err := d.w.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)`); err != nil {
		return fmt.Errorf("create schema_migrations: %w", err)
	}
	names, err := fs.Glob(migrationFiles, "migrations/*.sql")
	if err != nil {
		return err
	}
	sort.Strings(names)
	for _, name := range names {
		base := strings.TrimPrefix(name, "migrations/")
		num, _, _ := strings.Cut(base, "_")
		version, err := strconv.Atoi(num)
		if err != nil {
			return fmt.Errorf("migration %s: name must start with a number", base)
		}
		body, err := migrationFiles.ReadFile(name)
		if err != nil {
			return err
		}
		if err := d.applyMigration(ctx, version, base, string(body)); err != nil {
			return fmt.Errorf("migration %s: %w", base, err)
		}
	}
	return nil
}

// migrationCount is how many migration files there are and the highest
// number among them.
func migrationCount() (files, newest int) {
	names, _ := fs.Glob(migrationFiles, "migrations/*.sql")
	for _, name := range names {
		num, _, _ := strings.Cut(strings.TrimPrefix(name, "migrations/"), "_")
		if v, err := strconv.Atoi(num); err == nil && v > newest {
			newest = v
		}
	}
	return len(names), newest
}

func (d *DB) applyMigration(ctx context.Context, version int, name, body string) error {
	applied := func(q conn) (bool, error) {
		var n int
		err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM schema_migrations WHERE version = ?`, version).Scan(&n)
		return n > 0, err
	}
	// D1 prepares one statement at a time, so the file runs statement by
	// statement on both drivers.
	var stmts []Statement
	for _, st := range splitStatements(body) {
		stmts = append(stmts, Statement{SQL: st})
	}
	stmts = append(stmts, Statement{
		SQL:  `INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`,
		Args: []any{version, name, millis(time.Now())},
	})
	if d.opts.NoTransactions {
		if done, err := applied(d.db); err != nil || done {
			return err
		}
		err := d.opts.Batch(ctx, stmts)
		if err != nil {
			// Another instance may have applied it meanwhile: then the
			// batch failed (and rolled back) on its first CREATE.
			if done, err2 := applied(d.db); err2 == nil && done {
				return nil
			}
		}
		return err
	}
	return d.tx(ctx, func(q conn) error {
		if done, err := applied(q); err != nil || done {
			return err
		}
		return d.atomic(ctx, q, stmts...)
	})
}

// splitStatements splits SQL text at the semicolons that end statements
// (not those inside quotes or comments) and drops empty ones and comments.
func splitStatements(sqlText string) []string {
	var out []string
	var cur strings.Builder
	flush := func() {
		if st := strings.TrimSpace(cur.String()); st != "" {
			out = append(out, st)
		}
		cur.Reset()
	}
	for i := 0; i < len(sqlText); i++ {
		c := sqlText[i]
		switch {
		case c == '-' && i+1 < len(sqlText) && sqlText[i+1] == '-':
			for i < len(sqlText) && sqlText[i] != '\n' {
				i++
			}
			cur.WriteByte('\n')
		case c == '\'' || c == '"':
			j := i + 1
			for j < len(sqlText) && sqlText[j] != c {
				j++
			}
			cur.WriteString(sqlText[i:min(j+1, len(sqlText))])
			i = j
		case c == ';':
			flush()
		default:
			cur.WriteByte(c)
		}
	}
	flush()
	return out
}

func millis(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMilli()
}

func fromMillis(ms int64) time.Time {
	if ms == 0 {
		return time.Time{}
	}
	return time.UnixMilli(ms).UTC()
}

func notFound(err error, format string, args ...any) error {
	if errors.Is(err, sql.ErrNoRows) {
		return platform.Errorf(platform.ENOTFOUND, format, args...)
	}
	return err
}
