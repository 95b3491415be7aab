package load

import (
	"os"
	"strconv"
	"strings"
	"time"
)

// cpuSample is a reading of CPU time: the host's busy time across all CPUs, this process's and
// another process's, in clock ticks, with the wall time it was taken at.
type cpuSample struct {
	at                  time.Time
	host, self, process float64
}

// clockTicks is USER_HZ, the unit of /proc times (100 on every Linux platform Go supports).
const clockTicks = 100

// sampleCPU reads /proc; on a system without it the sample is zero and so are the figures.
func sampleCPU(pid int) cpuSample {
	s := cpuSample{at: time.Now(), self: procTicks("self")}
	if pid > 0 {
		s.process = procTicks(strconv.Itoa(pid))
	}
	data, err := os.ReadFile("/proc/stat")
	if err != nil {
		return s
	}
	line, _, _ := strings.Cut(string(data), "\n")
	f := strings.Fields(line) // cpu user nice system idle iowait irq softirq steal ...
	for i := 1; i < len(f); i++ {
		if i == 4 || i == 5 { // idle, iowait
			continue
		}
		v, _ := strconv.ParseFloat(f[i], 64)
		s.host += v
	}
	return s
}

// procTicks is a process's user and system time (fields 14 and 15 of /proc/PID/stat).
func procTicks(pid string) float64 {
	data, err := os.ReadFile("/proc/" + pid + "/stat")
	if err != nil {
		return 0
	}
	_, rest, ok := strings.Cut(string(data), ") ") // the command name may hold spaces
	if !ok {
		return 0
	}
	f := strings.Fields(rest) // fields from 3 on
	if len(f) < 13 {
		return 0
	}
	u, _ := strconv.ParseFloat(f[11], 64)
	k, _ := strconv.ParseFloat(f[12], 64)
	return u + k
}

// since returns the CPUs busy between s0 and s: host, self and the other process.
func (s cpuSample) since(s0 cpuSample) (host, self, process float64) {
	wall := s.at.Sub(s0.at).Seconds()
	if wall <= 0 {
		return 0, 0, 0
	}
	per := func(a, b float64) float64 { return (a - b) / clockTicks / wall }
	return per(s.host, s0.host), per(s.self, s0.self), per(s.process, s0.process)
}
