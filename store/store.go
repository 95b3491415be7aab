// Package store keeps the service's data: centres and their settings, agents, shift templates,
// call history, forecasts, roster versions, solve jobs, leave and swap requests, API tokens and the
// audit trail. It runs on PostgreSQL (lib/pq) when given a postgres:// URL and otherwise on an
// embedded SQLite file, with one set of migrations, embedded in the binary and applied at Open.
// Writes that belong together run in one transaction (Store.InTx).
package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"embed"
	"encoding/base32"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"  // PostgreSQL driver
	"modernc.org/sqlite" // embedded SQLite driver (pure Go)

	"wfm"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Dialects.
const (
	Postgres = "postgres"
	SQLite   = "sqlite"
)

// Store is a handle on the database. Its Queries run outside any transaction; InTx gives
// Queries bound to one.
type Store struct {
	Queries
	db *sqlx.DB
}

// Queries are the data operations, on the database or inside a transaction.
type Queries struct {
	x       sqlx.ExtContext
	dialect string
}

// Open connects to url and applies the migrations. A url starting with postgres:// or
// postgresql:// opens PostgreSQL; "sqlite:PATH" or a plain path opens an embedded SQLite file
// (created when missing); "" opens "wfm.db" in the working directory.
func Open(ctx context.Context, url string) (*Store, error) {
	driver, dsn := SQLite, url
	switch {
	case strings.HasPrefix(url, "postgres://"), strings.HasPrefix(url, "postgresql://"):
		driver = Postgres
	case url == "":
		dsn = "wfm.db"
	default:
		dsn = strings.TrimPrefix(url, "sqlite:")
	}
	if driver == SQLite {
		dsn = "file:" + dsn + "?_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=foreign_keys(1)&_txlock=immediate"
	}
	db, err := sqlx.Open(driver, dsn)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", driver, err)
	}
	if driver == Postgres {
		db.SetMaxOpenConns(20)
	}
	pingCtx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := db.PingContext(pingCtx); err != nil {
		db.Close()
		return nil, fmt.Errorf("connect to %s: %w", driver, err)
	}
	s := &Store{Queries: Queries{x: db, dialect: driver}, db: db}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// DB returns the underlying database, for the job engine.
func (s *Store) DB() *sql.DB { return s.db.DB }

// Dialect names the database: Postgres or SQLite.
func (s *Store) Dialect() string { return s.dialect }

// Ping checks the connection (readiness).
func (s *Store) Ping(ctx context.Context) error { return s.db.PingContext(ctx) }

// InTx runs fn in one transaction, committed when fn returns nil and rolled back otherwise.
func (s *Store) InTx(ctx context.Context, fn func(q *Queries) error) error {
	tx, err := s.db.BeginTxx(ctx, nil)
	if err != nil {
		return busy(err)
	}
	if err := fn(&Queries{x: tx, dialect: s.dialect}); err != nil {
		tx.Rollback()
		return err
	}
	return busy(tx.Commit())
}

// The driver codes of a database that cannot take a write now but may a moment later.
const (
	sqliteBusy   = 5       // SQLITE_BUSY: another connection holds the write lock past busy_timeout
	sqliteLocked = 6       // SQLITE_LOCKED: a table is locked within this connection's database
	pgLockWait   = "55P03" // lock_not_available: lock_timeout or NOWAIT
	pgSerialize  = "40001" // serialization_failure
	pgDeadlock   = "40P01" // deadlock_detected (one side is rolled back; a retry succeeds)
)

// busy turns a driver error that means "the database is busy" into a wfm.Error of kind
// KindUnavailable (the API answers 503 with Retry-After), keeping the driver error as its cause;
// any other error is returned as it is. The driver's own error types are read, never its text.
func busy(err error) error {
	if err == nil {
		return nil
	}
	var se *sqlite.Error
	var pe *pq.Error
	switch {
	case errors.As(err, &se) && (se.Code()&0xff == sqliteBusy || se.Code()&0xff == sqliteLocked),
		errors.As(err, &pe) && (pe.Code == pgLockWait || pe.Code == pgSerialize || pe.Code == pgDeadlock):
		return &wfm.Error{Kind: wfm.KindUnavailable, Message: "the database is busy with other writes; retry shortly", Err: err}
	}
	return err
}

// migrate applies, in order and each in its own transaction, the embedded migrations not yet
// recorded in schema_migrations. Concurrent starts on PostgreSQL are serialised by an advisory lock.
func (s *Store) migrate(ctx context.Context) error {
	if _, err := s.db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)`); err != nil {
		return fmt.Errorf("migrations table: %w", err)
	}
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return err
	}
	sort.Strings(names)
	return s.InTx(ctx, func(q *Queries) error {
		if s.dialect == Postgres {
			if _, err := q.x.ExecContext(ctx, `SELECT pg_advisory_xact_lock(727274)`); err != nil {
				return err
			}
		}
		for _, name := range names {
			version, err := migrationVersion(name)
			if err != nil {
				return err
			}
			var n int
			if err := sqlx.GetContext(ctx, q.x, &n, q.rebind(`SELECT COUNT(*) FROM schema_migrations WHERE version = ?`), version); err != nil {
				return err
			}
			if n > 0 {
				continue
			}
			body, err := migrations.ReadFile(name)
			if err != nil {
				return err
			}
			for _, stmt := range splitSQL(string(body)) {
				if _, err := q.x.ExecContext(ctx, stmt); err != nil {
					return fmt.Errorf("migration %s: %w", name, err)
				}
			}
			if _, err := q.x.ExecContext(ctx, q.rebind(`INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)`), version, stamp(time.Now())); err != nil {
				return err
			}
		}
		return nil
	})
}

// migrationVersion is the number a migration's file name starts with ("004_sessions.sql" is 4):
// a migration is known by its own number, not by its place among the files, so that a file added
// with a lower number later (from a branch merged after) is applied rather than mistaken for one
// already applied.
func migrationVersion(name string) (int, error) {
	base := path.Base(name)
	digits := base[:len(base)-len(strings.TrimLeft(base, "0123456789"))]
	v, err := strconv.Atoi(digits)
	if err != nil || v < 1 {
		return 0, fmt.Errorf("migration %s: the file name must start with its version number", name)
	}
	return v, nil
}

// splitSQL cuts a migration into statements at semicolons ending a line, dropping comments.
func splitSQL(body string) []string {
	var out []string
	var cur strings.Builder
	for _, line := range strings.Split(body, "\n") {
		if t := strings.TrimSpace(line); t == "" || strings.HasPrefix(t, "--") {
			continue
		}
		cur.WriteString(line)
		cur.WriteString("\n")
		if strings.HasSuffix(strings.TrimSpace(line), ";") {
			out = append(out, strings.TrimSuffix(strings.TrimSpace(cur.String()), ";"))
			cur.Reset()
		}
	}
	return out
}

// Tx returns the transaction the queries run in, or nil outside one (for a job engine that
// enqueues in the same transaction).
func (q *Queries) Tx() *sql.Tx {
	if tx, ok := q.x.(*sqlx.Tx); ok {
		return tx.Tx
	}
	return nil
}

func (q *Queries) rebind(query string) string {
	if q.dialect == Postgres {
		return sqlx.Rebind(sqlx.DOLLAR, query)
	}
	return query
}

func (q *Queries) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	res, err := q.x.ExecContext(ctx, q.rebind(query), args...)
	return res, busy(err)
}

func (q *Queries) get(ctx context.Context, dst any, query string, args ...any) error {
	return busy(sqlx.GetContext(ctx, q.x, dst, q.rebind(query), args...))
}

func (q *Queries) selectAll(ctx context.Context, dst any, query string, args ...any) error {
	return busy(sqlx.SelectContext(ctx, q.x, dst, q.rebind(query), args...))
}

// maxParams bounds the parameters of one statement (PostgreSQL takes at most 65,535).
const maxParams = 60_000

// insertRows inserts n rows in multi-row statements "head VALUES (?, …), (?, …) tail" of as many
// rows as maxParams and batch allow, row(i) giving the values of row i: far fewer round trips
// than one statement a row, so a large write holds its locks for as short a time as it can.
func (q *Queries) insertRows(ctx context.Context, head, tail string, n, batch int, row func(i int) []any) error {
	if n == 0 {
		return nil
	}
	cols := len(row(0))
	batch = max(1, min(batch, maxParams/cols))
	one := "(" + strings.TrimSuffix(strings.Repeat("?, ", cols), ", ") + ")"
	for start := 0; start < n; start += batch {
		end := min(start+batch, n)
		var b strings.Builder
		b.WriteString(head)
		b.WriteString(" VALUES ")
		args := make([]any, 0, cols*(end-start))
		for i := start; i < end; i++ {
			if i > start {
				b.WriteString(", ")
			}
			b.WriteString(one)
			args = append(args, row(i)...)
		}
		b.WriteString(" ")
		b.WriteString(tail)
		if _, err := q.exec(ctx, b.String(), args...); err != nil {
			return err
		}
	}
	return nil
}

// stampLayout writes times sortably, in UTC with microseconds.
const stampLayout = "2006-01-02T15:04:05.000000Z"

func stamp(t time.Time) string { return t.UTC().Format(stampLayout) }

// parseStamp reads a stored time; an empty or malformed one is the zero time.
func parseStamp(s string) time.Time {
	t, _ := time.Parse(stampLayout, s)
	return t
}

// NewID returns a random 16-character id (80 bits, base32).
func NewID() string {
	var b [10]byte
	rand.Read(b[:])
	return strings.ToLower(base32.StdEncoding.EncodeToString(b[:]))
}

// notFound and conflict make the errors the API maps to 404 and 409.
func notFound(what, id string) error {
	return &wfm.Error{Kind: wfm.KindNotFound, Message: fmt.Sprintf("%s %q not found", what, id)}
}

func conflict(format string, args ...any) error {
	return &wfm.Error{Kind: wfm.KindConflict, Message: fmt.Sprintf(format, args...)}
}

// mapErr turns driver errors into the service's kinds: no rows → not found, unique or foreign-key
// violations → conflict.
func mapErr(err error, what, id string) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, sql.ErrNoRows):
		return notFound(what, id)
	}
	msg := err.Error()
	if strings.Contains(msg, "23505") || strings.Contains(msg, "duplicate key") || strings.Contains(msg, "UNIQUE constraint") {
		return conflict("%s %q already exists", what, id)
	}
	if strings.Contains(msg, "23503") || strings.Contains(msg, "foreign key") || strings.Contains(msg, "FOREIGN KEY") {
		return &wfm.Error{Kind: wfm.KindNotFound, Message: fmt.Sprintf("%s %q refers to something that does not exist", what, id)}
	}
	return fmt.Errorf("%s %s: %w", what, id, err)
}
