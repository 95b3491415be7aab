package report

import (
	"fmt"
	"html"
	"math"
	"strconv"
	"strings"
)

// The geometry of one day's coverage chart, in SVG user units (the chart scales with its box).
const (
	chartW  = 360
	chartH  = 156
	plotL   = 30.0
	plotR   = 326.0
	plotT   = 8.0
	plotB   = 118.0
	ldrT    = 123.0 // leaders strip
	ldrB    = 131.0
	xLabelY = 144.0
)

// scale is the shared agent axis of every day's chart, so that the small multiples compare.
type scale struct {
	max, step float64
}

// agentScale chooses a round axis maximum and tick step for the month's largest count.
func agentScale(c *coverage) scale {
	top := 1.0
	for t := range c.req {
		top = math.Max(top, math.Max(float64(c.req[t]), c.on[t]))
	}
	raw := top / 4
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	step := mag
	for _, f := range []float64{1, 2, 2.5, 5, 10} {
		if f*mag >= raw {
			step = f * mag
			break
		}
	}
	if step < 1 {
		step = 1
	}
	return scale{max: step * math.Ceil(top/step), step: step}
}

// f1 writes a coordinate with at most one decimal.
func f1(x float64) string {
	return strconv.FormatFloat(math.Round(x*10)/10, 'f', -1, 64)
}

// chartSVG draws day k (index gk on the coverage grid) as an SVG: required agents (step line), on the
// phones (area), shortfall (red), Minnan required (dashed) and on the phones (line), leaders
// (a strip under the plot: green when the requirement is met, red when not) and the projected
// service level on the right-hand axis. Every interval has a hover box with its numbers.
func (m *model) chartSVG(id string, k, gk int, sc scale) string {
	c := m.cov
	n := c.perDay
	lo := gk * n
	w := (plotR - plotL) / float64(n)
	x := func(i int) float64 { return plotL + float64(i)*w }
	y := func(v float64) float64 { return plotB - math.Min(v, sc.max)/sc.max*(plotB-plotT) }
	ysl := func(v float64) float64 { return plotB - v*(plotB-plotT) }

	var b strings.Builder
	b.Grow(16 << 10)
	fmt.Fprintf(&b, `<svg id="%s" class="coverage-chart" viewBox="0 0 %d %d" role="img" aria-label="%s">`,
		html.EscapeString(id), chartW, chartH, html.EscapeString("Coverage "+m.days[k].longName))

	// Grid lines and axes.
	b.WriteString(`<g class="ax">`)
	for v := 0.0; v <= sc.max+1e-9; v += sc.step {
		fmt.Fprintf(&b, `<line x1="%s" x2="%s" y1="%s" y2="%s"/>`, f1(plotL), f1(plotR), f1(y(v)), f1(y(v)))
		fmt.Fprintf(&b, `<text x="%s" y="%s" class="yl">%s</text>`, f1(plotL-3), f1(y(v)+3), num(v, 1))
	}
	for h := 0; h <= 24; h += 3 {
		xx := plotL + float64(h)/24*(plotR-plotL)
		cls := ""
		if h%6 != 0 {
			cls = ` class="mi"`
		}
		fmt.Fprintf(&b, `<line%s x1="%s" x2="%s" y1="%s" y2="%s"/>`, cls, f1(xx), f1(xx), f1(plotT), f1(plotB))
		if h%6 == 0 {
			fmt.Fprintf(&b, `<text x="%s" y="%s" class="xl">%02d:00</text>`, f1(xx), f1(xLabelY), h)
		}
	}
	fmt.Fprintf(&b, `<text x="4" y="%s" class="at" transform="rotate(-90 4 %s)">agents</text>`, f1((plotT+plotB)/2), f1((plotT+plotB)/2))
	fmt.Fprintf(&b, `<text x="%s" y="%s" class="lt">ldr</text>`, f1(plotL-3), f1(ldrB-1))
	if c.sl != nil {
		for _, v := range []float64{0, 0.5, 1} {
			fmt.Fprintf(&b, `<text x="%s" y="%s" class="sr">%s%%</text>`, f1(plotR+3), f1(ysl(v)+3), num(v*100, 0))
		}
		fmt.Fprintf(&b, `<line class="tg" x1="%s" x2="%s" y1="%s" y2="%s"/>`, f1(plotL), f1(plotR), f1(ysl(0.8)), f1(ysl(0.8)))
	}
	b.WriteString(`</g>`)

	// Shortfall bands (runs of short intervals) and the gap between on the phones and required.
	b.WriteString(`<g class="sb">`)
	for i := 0; i < n; {
		if c.short(lo+i) <= 0 {
			i++
			continue
		}
		j := i
		for j < n && c.short(lo+j) > 0 {
			j++
		}
		fmt.Fprintf(&b, `<rect x="%s" y="%s" width="%s" height="%s"/>`, f1(x(i)), f1(plotT), f1(x(j)-x(i)), f1(plotB-plotT))
		i = j
	}
	b.WriteString(`</g>`)

	// On the phones, as a filled step area.
	on := func(i int) float64 { return c.on[lo+i] }
	fmt.Fprintf(&b, `<path class="on" d="%s"/>`, stepArea(n, x, func(i int) float64 { return y(on(i)) }, plotB))
	b.WriteString(`<g class="gap">`)
	for i := range n {
		if s := c.short(lo + i); s > 0 {
			fmt.Fprintf(&b, `<rect x="%s" y="%s" width="%s" height="%s"/>`,
				f1(x(i)), f1(y(float64(c.req[lo+i]))), f1(w), f1(y(on(i))-y(float64(c.req[lo+i]))))
		}
	}
	b.WriteString(`</g>`)
	fmt.Fprintf(&b, `<path class="req" d="%s"/>`, stepLine(n, x, func(i int) float64 { return y(float64(c.req[lo+i])) }))
	fmt.Fprintf(&b, `<path class="mon" d="%s"/>`, stepLine(n, x, func(i int) float64 { return y(c.mOn[lo+i]) }))
	fmt.Fprintf(&b, `<path class="mreq" d="%s"/>`, stepLine(n, x, func(i int) float64 { return y(float64(c.mReq[lo+i])) }))
	if c.sl != nil {
		fmt.Fprintf(&b, `<path class="sl" d="%s"/>`, stepLine(n, x, func(i int) float64 { return ysl(c.sl[lo+i]) }))
	}

	// Leaders strip: runs of equal state.
	b.WriteString(`<g class="ld">`)
	state := func(i int) string {
		switch {
		case c.lOn[lo+i] < c.lReq[lo+i]:
			return "lb"
		case c.lReq[lo+i] > 0:
			return "lk"
		case c.lOn[lo+i] > 0:
			return "lx"
		}
		return ""
	}
	for i := 0; i < n; {
		s := state(i)
		j := i + 1
		for j < n && state(j) == s {
			j++
		}
		if s != "" {
			fmt.Fprintf(&b, `<rect class="%s" x="%s" y="%s" width="%s" height="%s"/>`, s, f1(x(i)), f1(ldrT), f1(x(j)-x(i)), f1(ldrB-ldrT))
		}
		i = j
	}
	b.WriteString(`</g>`)

	// Hover boxes with the interval's numbers.
	b.WriteString(`<g class="hv">`)
	step := c.grid.Step
	for i := range n {
		t := lo + i
		from, to := i*step, (i+1)*step
		text := fmt.Sprintf("%02d:%02d–%02d:%02d · required %d · on phones %s", from/60, from%60, to/60%24, to%60, c.req[t], num(c.on[t], 1))
		if s := c.short(t); s > 0 {
			text += " (short " + num(s, 1) + ")"
		}
		text += fmt.Sprintf(" · Minnan %d/%s · leaders %d/%d", c.mReq[t], num(c.mOn[t], 1), c.lReq[t], c.lOn[t])
		if c.calls != nil {
			text += " · calls " + num(c.calls[t], 0)
		}
		if c.sl != nil {
			text += " · SL " + num(c.sl[t]*100, 0) + " %"
		}
		fmt.Fprintf(&b, `<rect x="%s" y="%s" width="%s" height="%s"><title>%s</title></rect>`,
			f1(x(i)), f1(plotT), f1(w), f1(ldrB-plotT), html.EscapeString(text))
	}
	b.WriteString(`</g></svg>`)
	return b.String()
}

// stepLine is the path of a step function: value i holds over [x(i), x(i+1)).
func stepLine(n int, x func(int) float64, y func(int) float64) string {
	var b strings.Builder
	prev := math.NaN()
	for i := range n {
		v := y(i)
		switch {
		case i == 0:
			b.WriteString("M" + f1(x(0)) + " " + f1(v))
		case v != prev:
			b.WriteString("H" + f1(x(i)) + "V" + f1(v))
		}
		prev = v
	}
	b.WriteString("H" + f1(x(n)))
	return b.String()
}

// stepArea is stepLine closed down to the baseline.
func stepArea(n int, x func(int) float64, y func(int) float64, base float64) string {
	return stepLine(n, x, y) + "V" + f1(base) + "H" + f1(x(0)) + "Z"
}

// legendSVG draws one swatch of the coverage legend.
func legendSVG(kind string) string {
	const head = `<svg class="sw" viewBox="0 0 24 12" width="24" height="12" aria-hidden="true">`
	switch kind {
	case "req":
		return head + `<path class="req" d="M0 4H12V8H24"/></svg>`
	case "on":
		return head + `<path class="on" d="M0 5H12V3H24V12H0Z"/></svg>`
	case "short":
		return head + `<rect class="sbr" x="0" y="0" width="24" height="12"/><rect class="gapr" x="6" y="3" width="12" height="6"/></svg>`
	case "mreq":
		return head + `<path class="mreq" d="M0 6H24"/></svg>`
	case "mon":
		return head + `<path class="mon" d="M0 6H24"/></svg>`
	case "sl":
		return head + `<path class="sl" d="M0 8H10V4H24"/></svg>`
	case "tg":
		return head + `<path class="tg" d="M0 6H24"/></svg>`
	case "lk", "lb", "lx":
		return head + `<rect class="` + kind + `" x="0" y="2" width="24" height="8"/></svg>`
	}
	return ""
}
