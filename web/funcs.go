package web

import (
	"fmt"
	"html/template"
	"math"
	"strconv"
	"strings"

	"wfm"
)

// tabs are the planner's pages, in the navigation's order.
var tabs = []string{"month", "solve", "edit", "requests", "whatif", "intraday", "downloads"}

// funcs are the templates' helpers: formatting only, no rule.
var funcs = template.FuncMap{
	"tabs":  func() []string { return tabs },
	"roles": func() []string { return []string{wfm.RoleLeader, wfm.RoleTrainee, "none"} },
	"dict": func(kv ...any) map[string]any {
		m := make(map[string]any, len(kv)/2)
		for i := 0; i+1 < len(kv); i += 2 {
			m[kv[i].(string)] = kv[i+1]
		}
		return m
	},
	"num":   num,
	"pct":   pct,
	"add":   func(a, b float64) float64 { return a + b },
	"sub":   func(a, b float64) float64 { return a - b },
	"half":  func(a float64) float64 { return a / 2 },
	"deref": func(p *float64) float64 { return *p },
	"clock": func(c wfm.Clock) string { return c.String() },
	"int":   func(c wfm.Clock) int { return int(c) },
	"breaks": func(b []wfm.Break) string {
		parts := make([]string, len(b))
		for i, x := range b {
			parts[i] = x.Start.String() + "+" + strconv.Itoa(x.Minutes)
		}
		return strings.Join(parts, " ")
	},
}

// num writes x with prec decimals, "–" for NaN.
func num(x float64, prec int) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return "–"
	}
	return strconv.FormatFloat(x, 'f', prec, 64)
}

// pct writes a fraction as a percentage with one decimal, "–" for NaN.
func pct(x float64) string {
	if math.IsNaN(x) {
		return "–"
	}
	return fmt.Sprintf("%.1f %%", x*100)
}
