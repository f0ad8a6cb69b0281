package manifest

import (
	"bytes"
	"encoding/json"
	"sort"
	"strconv"
	"strings"
)

// jsonIndex maps the values of a JSON document to positions, so problems
// found after decoding can still name file:line:col. Values are addressed
// by JSON Pointer (RFC 6901): "/functions/3/args/value/body/fieldType".
type jsonIndex struct {
	file       string
	data       []byte
	lineStarts []int          // offset of each line's first byte
	offsets    map[string]int // pointer → offset of the value's first byte
}

// newJSONIndex indexes data. Values are indexed only when data is valid
// JSON (decode it first); positions of offsets work either way.
func newJSONIndex(file string, data []byte, values bool) *jsonIndex {
	ix := &jsonIndex{file: file, data: data, lineStarts: []int{0}, offsets: map[string]int{}}
	for i := 0; i < len(data); {
		size := lineBreak(data[i:])
		if size == 0 {
			i++
			continue
		}
		i += size
		ix.lineStarts = append(ix.lineStarts, i)
	}
	if values {
		ix.value(ix.skipSpace(0), "")
	}
	return ix
}

// child is the pointer to a member (object key or array index) of parent.
func child(parent, member string) string {
	if strings.ContainsAny(member, "~/") {
		member = pointerEscaper.Replace(member)
	}
	return parent + "/" + member
}

var pointerEscaper = strings.NewReplacer("~", "~0", "/", "~1")

// at is the position of the value at ptr, or of its nearest indexed
// ancestor (json.Unmarshal matches keys case-insensitively; the index is exact).
func (ix *jsonIndex) at(ptr string) Pos {
	for {
		if off, ok := ix.offsets[ptr]; ok {
			return ix.posOf(off)
		}
		slash := strings.LastIndexByte(ptr, '/')
		if slash < 0 {
			return ix.posOf(0)
		}
		ptr = ptr[:slash]
	}
}

// posOf converts a byte offset into a position. Columns count bytes, as
// encoding/json's offsets and go/token's columns do, so that a minified
// spec on one long line costs no scan per position. Offsets past the end
// point just after the last byte.
func (ix *jsonIndex) posOf(off int) Pos {
	off = min(max(off, 0), len(ix.data))
	line := sort.SearchInts(ix.lineStarts, off+1) // lines starting at or before off
	start := ix.lineStarts[line-1]
	return Pos{File: ix.file, Line: line, Col: min(off, ix.lineEnd(line)) - start + 1}
}

// lineEnd is the offset of the line break ending line (1-based), or the end of the data.
func (ix *jsonIndex) lineEnd(line int) int {
	if line == len(ix.lineStarts) {
		return len(ix.data)
	}
	next := ix.lineStarts[line]
	for _, size := range []int{2, 3, 1} {
		if next-size >= ix.lineStarts[line-1] && lineBreak(ix.data[next-size:]) == size {
			return next - size
		}
	}
	return next
}

func (ix *jsonIndex) skipSpace(i int) int {
	for i < len(ix.data) && (ix.data[i] == ' ' || ix.data[i] == '\t' || ix.data[i] == '\n' || ix.data[i] == '\r') {
		i++
	}
	return i
}

// value records the value starting at i under ptr and returns the offset just past it.
func (ix *jsonIndex) value(i int, ptr string) int {
	if i >= len(ix.data) {
		return i
	}
	ix.offsets[ptr] = i
	switch ix.data[i] {
	case '{':
		i = ix.skipSpace(i + 1)
		for i < len(ix.data) && ix.data[i] != '}' {
			end := ix.stringEnd(i)
			name := ix.key(i, end)
			i = ix.skipSpace(ix.skipSpace(end) + 1) // past the ':'
			i = ix.skipSpace(ix.value(i, child(ptr, name)))
			if i < len(ix.data) && ix.data[i] == ',' {
				i = ix.skipSpace(i + 1)
			}
		}
		return i + 1
	case '[':
		i = ix.skipSpace(i + 1)
		for n := 0; i < len(ix.data) && ix.data[i] != ']'; n++ {
			i = ix.skipSpace(ix.value(i, child(ptr, strconv.Itoa(n))))
			if i < len(ix.data) && ix.data[i] == ',' {
				i = ix.skipSpace(i + 1)
			}
		}
		return i + 1
	case '"':
		return ix.stringEnd(i)
	}
	for i < len(ix.data) && !strings.ContainsRune(",]} \t\r\n", rune(ix.data[i])) {
		i++
	}
	return i
}

// key decodes the object key data[start:end], a string literal.
func (ix *jsonIndex) key(start, end int) string {
	lit := ix.data[start:end]
	if len(lit) >= 2 && bytes.IndexByte(lit, '\\') < 0 {
		return string(lit[1 : len(lit)-1])
	}
	var name string
	if err := json.Unmarshal(lit, &name); err != nil {
		return string(lit)
	}
	return name
}

// stringEnd returns the offset just past the string literal starting at i.
func (ix *jsonIndex) stringEnd(i int) int {
	for i++; i < len(ix.data); i++ {
		switch ix.data[i] {
		case '\\':
			i++
		case '"':
			return i + 1
		}
	}
	return i
}
