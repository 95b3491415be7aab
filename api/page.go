package api

import (
	"strconv"

	"github.com/gin-gonic/gin"

	"wfm"
)

// Every list is paged, so that no reply grows with the data (600,000 agents were 57 MB in one
// reply): ?limit= items (1 to the list's most, by default its usual) from just after the item
// whose id is ?after=, in the list's order. A reply holds "next", the id to pass as after for the
// following page, while more items follow, and no "next" on the last page.
const (
	defaultPage = 500
	maxPage     = 1000
)

// page is a request's ?limit= and ?after=.
type page struct {
	limit int
	after string
}

// readPage reads the page parameters; def and most are the list's default and largest limit.
func readPage(c *gin.Context, def, most int) (page, error) {
	pg := page{limit: def, after: c.Query("after")}
	if v := c.Query("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > most {
			return pg, invalid("limit", "must be a number from 1 to %d", most)
		}
		pg.limit = n
	}
	if pg.after != "" && !wfm.ValidID(pg.after) {
		return pg, invalid("after", "%q is not an id from a previous page's next", pg.after)
	}
	return pg, nil
}

// cut returns the first pg.limit of items (a store's answer to limit+1) and the cursor of the
// next page: the id of the last item returned when more follow, "" on the last page.
func cut[T any](items []T, pg page, id func(T) string) ([]T, string) {
	if len(items) <= pg.limit {
		return items, ""
	}
	items = items[:pg.limit]
	return items, id(items[len(items)-1])
}

// slicePage returns the page of a whole list in memory (ids unique in it) and the next cursor; an
// after that names no item of the list is refused.
func slicePage[T any](items []T, pg page, id func(T) string) ([]T, string, error) {
	if pg.after != "" {
		i := 0
		for i < len(items) && id(items[i]) != pg.after {
			i++
		}
		if i == len(items) {
			return nil, "", invalid("after", "%q is not in this list", pg.after)
		}
		items = items[i+1:]
	}
	out, next := cut(items, pg, id)
	return out, next, nil
}

// pageBody is a list reply: the items under name, and next while more follow.
func pageBody(name string, items any, next string) gin.H {
	h := gin.H{name: items}
	if next != "" {
		h["next"] = next
	}
	return h
}
