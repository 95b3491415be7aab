package jobs

import (
	"context"
	"encoding/json"
	"log/slog"
	"math"
	"sync"
	"sync/atomic"
	"time"
	"wfm"

	"wfm/solver"
	"wfm/store"
)

// heartbeat keeps a running job alive in the store: every HeartbeatEvery, on its own goroutine,
// it writes the solver's latest progress and checks for a cancellation request. It beats whether
// or not the solver reports (a long construction phase, a slow callback), so that only a dead
// process goes silent, and a slow store never stalls the search.
type heartbeat struct {
	mu        sync.Mutex
	latest    *solver.Progress // nil until the solver reports
	at        time.Time        // when latest was reported
	began     time.Time
	cancelled atomic.Bool
	done      chan struct{}
	stopped   chan struct{}
}

// startHeartbeat beats for job id until stop; a cancellation request calls cancel.
func startHeartbeat(ctx context.Context, st *store.Store, log *slog.Logger, id string, cancel context.CancelFunc) *heartbeat {
	h := &heartbeat{began: time.Now(), done: make(chan struct{}), stopped: make(chan struct{})}
	go func() {
		defer close(h.stopped)
		t := time.NewTicker(HeartbeatEvery)
		defer t.Stop()
		for {
			select {
			case <-h.done:
				return
			case <-ctx.Done():
				return
			case <-t.C:
			}
			stop, err := st.Heartbeat(ctx, id, h.document())
			if err != nil && ctx.Err() == nil {
				log.Warn("heartbeat failed", "err", err)
			}
			if stop {
				h.cancelled.Store(true)
				cancel()
			}
		}
	}()
	return h
}

// report records the solver's progress for the next beat.
func (h *heartbeat) report(p solver.Progress) {
	h.mu.Lock()
	h.latest, h.at = &p, time.Now()
	h.mu.Unlock()
}

// document is the progress to store: the solver's latest report, its times brought up to now,
// or the time spent so far.
func (h *heartbeat) document() string {
	h.mu.Lock()
	defer h.mu.Unlock()
	doc := Progress{Elapsed: time.Since(h.began).Seconds()}
	if p := h.latest; p != nil {
		since := time.Since(h.at)
		doc = Progress{Phase: string(p.Phase), PhaseDone: p.Done, PhaseTotal: p.Of, Current: p.Current, Hard: p.Hard,
			Moves: p.Moves, Elapsed: (p.Elapsed + since).Seconds(), Remaining: max(0, p.Remaining-since).Seconds()}
		if !math.IsInf(p.Best, 1) {
			doc.Best = &p.Best
		}
		if !math.IsInf(p.Bound, -1) {
			bound, gap := p.Bound, wfm.GapPercent(p.Best, p.Bound)
			doc.Bound = &bound
			if !math.IsInf(p.Best, 1) {
				doc.Gap = &gap
			}
		}
	}
	body, _ := json.Marshal(doc)
	return string(body)
}

// stop ends the beats and waits for the last one to finish.
func (h *heartbeat) stop() {
	close(h.done)
	<-h.stopped
}
