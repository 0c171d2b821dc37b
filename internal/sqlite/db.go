// Package sqlite stores the platform in SQLite through database/sql: foreign
// keys on, numbered migrations in migrations/, and every write in a
// transaction where the driver has them. It serves two drivers with the same
// code: modernc.org/sqlite on one machine (Open, in open.go) and Cloudflare
// D1 on Workers (New with Options.NoTransactions, from cmd/xkit-worker).
//
// D1 cannot BEGIN through its API, so the store's writes are written to be
// safe without one: each logical write is a single statement wherever it
// can be (upserts, RETURNING, all-or-nothing WHERE clauses), and tx runs the
// few multi-statement operations statement by statement there. See tx for
// exactly what holds on D1.
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
	"time"

	"github.com/xkit-wasm/xkit/internal/platform"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// DB is the SQLite implementation of platform.Store.
type DB struct {
	db   *sql.DB
	opts Options
}

var _ platform.Store = (*DB)(nil)

// Options say what the driver behind a *sql.DB can do.
type Options struct {
	// NoTransactions: the driver cannot begin a transaction (Cloudflare
	// D1); tx then runs its statements one by one.
	NoTransactions bool
	// Batch, when NoTransactions, runs statements atomically in one round
	// trip (D1's batch, itself a transaction); migrations use it so a
	// schema change lands whole or not at all. nil runs them one by one.
	Batch func(ctx context.Context, stmts []string) error
}

// New uses db (any SQLite driver; the caller set its pragmas) and migrates
// it to the newest schema version.
func New(ctx context.Context, db *sql.DB, o Options) (*DB, error) {
	d := &DB{db: db, opts: o}
	if err := d.migrate(ctx); err != nil {
		return nil, err
	}
	return d, nil
}

// Close closes the database.
func (d *DB) Close() error { return d.db.Close() }

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
	// costs this one query.
	if v, err := d.SchemaVersion(ctx); err == nil && v >= newestMigration() {
		return nil
	}
	if _, err := d.db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
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

// newestMigration is the highest migration number among the files.
func newestMigration() int {
	names, _ := fs.Glob(migrationFiles, "migrations/*.sql")
	newest := 0
	for _, name := range names {
		num, _, _ := strings.Cut(strings.TrimPrefix(name, "migrations/"), "_")
		if v, err := strconv.Atoi(num); err == nil && v > newest {
			newest = v
		}
	}
	return newest
}

func (d *DB) applyMigration(ctx context.Context, version int, name, body string) error {
	applied := func(q conn) (bool, error) {
		var n int
		err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM schema_migrations WHERE version = ?`, version).Scan(&n)
		return n > 0, err
	}
	// D1 prepares one statement at a time, so the file runs statement by
	// statement on both drivers.
	stmts := append(splitStatements(body), fmt.Sprintf(
		`INSERT INTO schema_migrations (version, name, applied_at) VALUES (%d, '%s', %d)`,
		version, strings.ReplaceAll(name, "'", "''"), millis(time.Now())))
	if d.opts.NoTransactions && d.opts.Batch != nil {
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
		for _, st := range stmts {
			if _, err := q.ExecContext(ctx, st); err != nil {
				return err
			}
		}
		return nil
	})
}

// conn is what both *sql.DB and *sql.Tx offer.
type conn interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// tx runs fn in a transaction, committing when fn returns nil.
//
// Without transactions (D1, whose API cannot BEGIN) fn runs its statements
// straight on the database. What holds there: every statement is atomic
// and durable on its own, and the store is written so that nearly every
// write method is a single write statement (plus reads before it):
// EnsureUser, CreateToken, ConsumeToken, DeleteToken, ExpireTokens,
// SetSetting, UpsertConnector, DisableConnections (all or nothing in one
// UPDATE), UpdateAuthorization, SetCRMMapping, TakeDemoCode. Those are as
// safe as on modernc. Migrations go through Options.Batch (D1's batch is a
// transaction). Two methods write twice:
//   - Authorize upserts the connection (the ownership check is in the same
//     statement) and then inserts the authorization. If the insert fails,
//     the connection stays enabled with its previous newest authorization
//     (none for a new one) instead of rolling back; and two concurrent
//     Authorize calls of one user for a single-connection connector may
//     each create a connection (the reuse lookup is a separate read).
//   - PutDemoCode deletes expired codes, then inserts: each step is fine
//     alone.
//
// Reads inside fn see other requests' writes between statements (no
// isolation).
func (d *DB) tx(ctx context.Context, fn func(q conn) error) error {
	if d.opts.NoTransactions {
		return fn(d.db)
	}
	tx, err := d.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
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
