package authtest

import (
	"bytes"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
)

// cleanJSON converts a convex_encoded_json value to the "clean" json format
// the backend answers when the request asks for format "json" or none:
// int64 as a decimal string, NaN/±Inf as "NaN"/"Infinity"/"-Infinity",
// bytes as a bare base64 string.
func cleanJSON(encoded []byte) ([]byte, error) {
	dec := json.NewDecoder(bytes.NewReader(encoded))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, fmt.Errorf("authtest: decoding result: %w", err)
	}
	cleaned, err := cleanValue(v)
	if err != nil {
		return nil, err
	}
	return marshalNoEscape(cleaned)
}

func cleanValue(v any) (any, error) {
	switch v := v.(type) {
	case []any:
		for i := range v {
			c, err := cleanValue(v[i])
			if err != nil {
				return nil, err
			}
			v[i] = c
		}
		return v, nil
	case map[string]any:
		if len(v) == 1 {
			for k, inner := range v {
				if s, ok := inner.(string); ok {
					switch k {
					case "$integer":
						return cleanInteger(s)
					case "$float":
						return cleanFloat(s)
					case "$bytes":
						return s, nil
					}
				}
			}
		}
		for k := range v {
			c, err := cleanValue(v[k])
			if err != nil {
				return nil, err
			}
			v[k] = c
		}
		return v, nil
	}
	return v, nil
}

func cleanInteger(b64 string) (any, error) {
	bits, err := littleEndian64("$integer", b64)
	if err != nil {
		return nil, err
	}
	return strconv.FormatInt(int64(bits), 10), nil
}

func cleanFloat(b64 string) (any, error) {
	bits, err := littleEndian64("$float", b64)
	if err != nil {
		return nil, err
	}
	f := math.Float64frombits(bits)
	switch {
	case math.IsNaN(f):
		return "NaN", nil
	case math.IsInf(f, 1):
		return "Infinity", nil
	case math.IsInf(f, -1):
		return "-Infinity", nil
	}
	return json.Number(strconv.FormatFloat(f, 'g', -1, 64)), nil
}

// littleEndian64 decodes the payload of a $integer or $float: 8 bytes,
// little-endian, in standard base64.
func littleEndian64(kind, b64 string) (uint64, error) {
	b, err := base64.StdEncoding.DecodeString(b64)
	if err != nil || len(b) != 8 {
		return 0, fmt.Errorf("authtest: bad %s %q", kind, b64)
	}
	return binary.LittleEndian.Uint64(b), nil
}

// marshalNoEscape is json.Marshal without HTML escaping, as JSON.stringify
// and serde_json write strings.
func marshalNoEscape(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}
