package report

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// The files WriteAll writes, relative to its directory.
const (
	FileHTML = "report.html"
	FileCSV  = "roster.csv"
	FileXLSX = "roster.xlsx"
	DirICS   = "ics"
)

// WriteAll writes report.html, roster.csv, roster.xlsx, deferred.csv (when the input has deferred
// work) and ics/<agent>.ics (one per problem agent) into dir, creating it, and returns the paths written (dir joined with the names above).
// The input is read once for all of them.
//
// An agent id is used as the calendar's file name after every character other than ASCII
// letters, digits, '-', '_' and '.' is replaced by '_' (and a leading '.' likewise), so that no
// id can name a path outside dir/ics; ids that collide after this get a suffix "~2", "~3", ….
func WriteAll(dir string, in Input) (files []string, err error) {
	m, err := newModel(in)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Join(dir, DirICS), 0o755); err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	write := func(name string, fn func(io.Writer) error) error {
		path := filepath.Join(dir, name)
		if err := writeFile(path, fn); err != nil {
			return fmt.Errorf("report: %s: %w", name, err)
		}
		files = append(files, path)
		return nil
	}
	if err := write(FileHTML, m.writeHTML); err != nil {
		return files, err
	}
	if err := write(FileCSV, m.writeCSV); err != nil {
		return files, err
	}
	if err := write(FileXLSX, m.writeXLSX); err != nil {
		return files, err
	}
	if in.Deferred != nil {
		if err := write(FileDeferred, m.writeDeferredCSV); err != nil {
			return files, err
		}
	}
	if len(in.Roster.Sessions) > 0 {
		if err := write(FileSessions, m.writeSessionsCSV); err != nil {
			return files, err
		}
	}
	used := map[string]bool{}
	for _, r := range m.agents {
		id := r.a.ID
		name := icsFileName(id, used)
		if err := write(filepath.Join(DirICS, name), func(w io.Writer) error { return m.writeICS(w, id) }); err != nil {
			return files, err
		}
	}
	return files, nil
}

// writeFile writes path through fn, replacing it only when everything was written.
func writeFile(path string, fn func(io.Writer) error) (err error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err := fn(tmp); err != nil {
		return err
	}
	if err := tmp.Chmod(0o644); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// icsFileName turns an agent id into a safe, unique file name "<id>.ics".
func icsFileName(id string, used map[string]bool) string {
	base := strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r == '.' {
			return r
		}
		return '_'
	}, id)
	if base == "" {
		base = "_"
	}
	if base[0] == '.' {
		base = "_" + base[1:]
	}
	name := base + ".ics"
	for n := 2; used[strings.ToLower(name)]; n++ {
		name = fmt.Sprintf("%s~%d.ics", base, n)
	}
	used[strings.ToLower(name)] = true
	return name
}
