package wfm

import (
	"bytes"
	"encoding/json"
	"reflect"
	"sort"
	"strconv"
	"strings"
)

// JSONPath returns the dotted path ("rules.weights.under", "agents.3.id") of the first value in
// data that does not decode into its part of v's type (a struct field, a slice element, a map
// value; unknown fields refused), or "" when every part decodes alone. encoding/json names the
// field of a type mismatch but not of a value whose own decoder failed (a date out of range, a
// malformed clock): this finds it, so that every error can name its field.
func JSONPath(v any, data []byte) string { return locate(reflect.TypeOf(v), data) }

// locate is JSONPath for a value of type t.
func locate(t reflect.Type, data []byte) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	sub := func(name string, t reflect.Type, raw json.RawMessage) (string, bool) {
		if decodes(t, raw) {
			return "", false
		}
		if deeper := locate(t, raw); deeper != "" {
			return name + "." + deeper, true
		}
		return name, true
	}
	switch t.Kind() {
	case reflect.Struct:
		var obj map[string]json.RawMessage
		if json.Unmarshal(data, &obj) != nil {
			return ""
		}
		for i := range t.NumField() {
			f := t.Field(i)
			name, ok := JSONName(f)
			if !ok {
				continue
			}
			for key, raw := range obj {
				if strings.EqualFold(key, name) {
					if path, bad := sub(key, f.Type, raw); bad {
						return path
					}
				}
			}
		}
	case reflect.Slice, reflect.Array:
		var list []json.RawMessage
		if json.Unmarshal(data, &list) != nil {
			return ""
		}
		for i, raw := range list {
			if path, bad := sub(strconv.Itoa(i), t.Elem(), raw); bad {
				return path
			}
		}
	case reflect.Map:
		var obj map[string]json.RawMessage
		if json.Unmarshal(data, &obj) != nil {
			return ""
		}
		keys := make([]string, 0, len(obj))
		for k := range obj {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if path, bad := sub(k, t.Elem(), obj[k]); bad {
				return path
			}
		}
	}
	return ""
}

// decodes reports whether data decodes into a value of type t, unknown fields refused.
func decodes(t reflect.Type, data []byte) bool {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	return dec.Decode(reflect.New(t).Interface()) == nil
}

// JSONName is the name encoding/json gives a struct field; ok is false for a field it skips.
func JSONName(f reflect.StructField) (name string, ok bool) {
	name, _, _ = strings.Cut(f.Tag.Get("json"), ",")
	if !f.IsExported() || name == "-" {
		return "", false
	}
	if name == "" {
		name = f.Name
	}
	return name, true
}
