// Package testdb gives tests a fresh database of each kind the store supports: an embedded SQLite
// file in a temporary folder, and a new PostgreSQL database on the server named by
// WFM_TEST_DATABASE_URL (default: the local server, user postgres), dropped when the test ends.
// When PostgreSQL cannot be reached the test is skipped with a message, or fails when CI=true:
// CI must never skip it silently.
package testdb

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	_ "github.com/lib/pq" // PostgreSQL driver
)

// DefaultURL is the PostgreSQL server tests use when WFM_TEST_DATABASE_URL is not set.
const DefaultURL = "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"

// Kinds are the store kinds every conformance test runs against.
var Kinds = []string{"sqlite", "postgres"}

// URL returns a fresh, empty database of kind for the test.
func URL(tb testing.TB, kind string) string {
	tb.Helper()
	switch kind {
	case "sqlite":
		return "sqlite:" + filepath.Join(tb.TempDir(), "wfm.db")
	case "postgres":
		return Postgres(tb)
	}
	tb.Fatalf("unknown database kind %q", kind)
	return ""
}

// Postgres creates a new database on the test server and drops it when the test ends.
func Postgres(tb testing.TB) string {
	tb.Helper()
	admin := os.Getenv("WFM_TEST_DATABASE_URL")
	if admin == "" {
		admin = DefaultURL
	}
	db, err := sql.Open("postgres", admin)
	if err == nil {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		err = db.PingContext(ctx)
		cancel()
	}
	if err != nil {
		msg := fmt.Sprintf("PostgreSQL not reachable at %s: %v (set WFM_TEST_DATABASE_URL)", redact(admin), err)
		if os.Getenv("CI") == "true" {
			tb.Fatal(msg)
		}
		tb.Skip(msg)
	}
	name := fmt.Sprintf("wfm_test_%d_%d", time.Now().UnixNano(), os.Getpid())
	if _, err := db.Exec("CREATE DATABASE " + name); err != nil {
		db.Close()
		tb.Fatalf("create test database: %v", err)
	}
	tb.Cleanup(func() {
		db.Exec("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", name)
		db.Exec("DROP DATABASE IF EXISTS " + name)
		db.Close()
	})
	u, err := url.Parse(admin)
	if err != nil {
		tb.Fatal(err)
	}
	u.Path = "/" + name
	return u.String()
}

// redact hides a password in a URL for messages.
func redact(s string) string {
	u, err := url.Parse(s)
	if err != nil || u.User == nil {
		return s
	}
	if _, ok := u.User.Password(); ok {
		u.User = url.UserPassword(u.User.Username(), "xxx")
	}
	return strings.Replace(u.String(), "%2A", "*", -1)
}
