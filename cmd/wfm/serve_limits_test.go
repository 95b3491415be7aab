package main

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestServeCutsOffSlowClients runs "wfm serve" with short limits and plays three slow clients
// against it over TCP: one sending its headers a byte at a time, one trickling its body, and one
// keeping an idle connection. Each would hold its connection for the 30 s it trickles; the server
// must end each one at its limit (1 to 2 s here; the assertion allows 15 s, so a loaded machine
// cannot make it fail). Before, one byte every 5 s held a connection for as long as it went on.
func TestServeCutsOffSlowClients(t *testing.T) {
	db := filepath.Join(t.TempDir(), "wfm.db")
	token := createToken(t, db)
	addr := freeAddr(t)
	startServe(t, "limits", addr, "--db", db, "--workers", "0",
		"--read-header-timeout", "1s", "--read-timeout", "2s", "--idle-timeout", "2s")
	const trickle, generous = 30 * time.Second, 15 * time.Second

	// slowly writes first in one go, then rest one byte every 200 ms until the server closes the
	// connection or trickle has passed; it returns what the server sent and how long it took.
	slowly := func(t *testing.T, first, rest string) (string, time.Duration) {
		t.Helper()
		conn, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		began := time.Now()
		got := make(chan string, 1)
		go func() { b, _ := io.ReadAll(conn); got <- string(b) }() // until the server closes
		if _, err := io.WriteString(conn, first); err != nil {
			t.Fatal(err)
		}
		for i := 0; time.Since(began) < trickle; i++ {
			select {
			case reply := <-got:
				return reply, time.Since(began)
			case <-time.After(200 * time.Millisecond):
			}
			if _, err := io.WriteString(conn, rest[i%len(rest):i%len(rest)+1]); err != nil {
				return <-got, time.Since(began) // the server has closed its side
			}
		}
		t.Fatalf("the server kept the connection for %s", trickle)
		return "", 0
	}

	t.Run("headers a byte at a time", func(t *testing.T) {
		_, took := slowly(t, "GET /healthz HTTP/1.1\r\nHost: wfm\r\n", "X-Slow: aaaaaaaaaaaaaaaaaaaaaaaa\r\n")
		if took > generous {
			t.Errorf("the connection was closed after %s, want about the 1 s header limit", took)
		}
	})
	t.Run("a body a byte at a time", func(t *testing.T) {
		head := fmt.Sprintf("POST /api/v1/centres HTTP/1.1\r\nHost: wfm\r\nAuthorization: Bearer %s\r\n"+
			"Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n", token)
		reply, took := slowly(t, head, `{"name": "`+strings.Repeat("x", 900))
		if took > generous {
			t.Errorf("the connection was closed after %s, want about the 2 s read limit", took)
		}
		if !strings.HasPrefix(reply, "HTTP/1.1 408") {
			t.Errorf("reply to a body that stopped arriving: %.200q, want 408", reply)
		}
	})
	t.Run("an idle kept-alive connection", func(t *testing.T) {
		conn, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		if _, err := io.WriteString(conn, "GET /healthz HTTP/1.1\r\nHost: wfm\r\n\r\n"); err != nil {
			t.Fatal(err)
		}
		rd := bufio.NewReader(conn)
		status, err := rd.ReadString('\n')
		if err != nil || !strings.Contains(status, "200") {
			t.Fatalf("healthz: %q %v", status, err)
		}
		began := time.Now()
		conn.SetReadDeadline(began.Add(trickle))
		io.Copy(io.Discard, rd) // the rest of the reply, then nothing until the server closes
		if took := time.Since(began); took > generous {
			t.Errorf("an idle connection stayed open %s, want about the 2 s idle limit", took)
		}
	})
}

// TestServeRefusesNoTimeout: a limit of 0 would mean none at all.
func TestServeRefusesNoTimeout(t *testing.T) {
	code, _, errs := run(t, "serve", "--read-timeout", "0s", "--db", filepath.Join(t.TempDir(), "wfm.db"))
	if code != 2 || !strings.Contains(errs, "must be positive") {
		t.Errorf("exit %d, stderr %q", code, errs)
	}
}
