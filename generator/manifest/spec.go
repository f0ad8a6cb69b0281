package manifest

import (
	"bytes"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"fmt"
)

// specFile is the document `npx convex function-spec` prints.
type specFile struct {
	URL       string            `json:"url"`
	Functions []json.RawMessage `json:"functions"`
}

// specFunction is one entry of specFile.Functions.
type specFunction struct {
	FunctionType string          `json:"functionType"`
	Identifier   string          `json:"identifier"`
	Args         json.RawMessage `json:"args"`
	Returns      json.RawMessage `json:"returns"`
	Visibility   *struct {
		Kind string `json:"kind"`
	} `json:"visibility"`
	Method string `json:"method"`
	Path   string `json:"path"`
}

// ParseSpec reads function-spec JSON. file names the document in errors. It
// returns the public query, mutation and action entries, a description of
// each entry it skipped, and every problem found.
func ParseSpec(file string, data []byte) ([]*Function, []string, ErrorList) {
	var errs errs
	var doc specFile
	if err := json.Unmarshal(data, &doc); err != nil {
		errs.add(Pos{File: file}, "the file must be the output of `npx convex function-spec`", "invalid function spec: %v", err)
		return nil, nil, errs.list
	}
	var fns []*Function
	var skipped []string
	for i, raw := range doc.Functions {
		var sf specFunction
		if err := json.Unmarshal(raw, &sf); err != nil {
			errs.add(Pos{File: file}, "", "functions[%d]: %v", i, err)
			continue
		}
		if sf.FunctionType == "HttpAction" {
			skipped = append(skipped, fmt.Sprintf("HTTP action %s %s", sf.Method, sf.Path))
			continue
		}
		pos := Pos{File: file}
		path, err := CanonicalPath(sf.Identifier)
		if err != nil {
			errs.add(pos, "", "functions[%d]: %v", i, err)
			continue
		}
		if sf.Visibility != nil && sf.Visibility.Kind == "internal" {
			skipped = append(skipped, path+" (internal)")
			continue
		}
		f := &Function{Path: path, Pos: pos}
		switch sf.FunctionType {
		case "Query":
			f.Kind = Query
		case "Mutation":
			f.Kind = Mutation
		case "Action":
			f.Kind = Action
		default:
			errs.add(pos, "", "%s: unknown functionType %q", sf.Identifier, sf.FunctionType)
			continue
		}
		vp := validatorParser{file: file, fn: sf.Identifier, errs: &errs}
		f.Args = vp.parse(sf.Args, "args")
		if f.Args != nil && f.Args.Kind == Any {
			f.UntypedArgs = true
		} else if f.Args != nil && f.Args.Kind != Object {
			errs.add(pos, "", "%s: args validator must be an object", sf.Identifier)
		}
		if len(bytes.TrimSpace(sf.Returns)) == 0 || string(bytes.TrimSpace(sf.Returns)) == "null" {
			f.Returns, f.UntypedReturns = &Type{Kind: Any, Pos: pos}, true
		} else {
			f.Returns = vp.parse(sf.Returns, "returns")
		}
		if f.Args == nil || f.Returns == nil {
			continue
		}
		fns = append(fns, f)
	}
	return fns, skipped, errs.list
}

// validatorParser turns validator JSON (convex/values ValidatorJSON) into Types.
type validatorParser struct {
	file string
	fn   string
	errs *errs
}

func (vp validatorParser) fail(where, format string, args ...any) {
	vp.errs.add(Pos{File: vp.file}, "", "%s: %s: %s", vp.fn, where, fmt.Sprintf(format, args...))
}

// validatorJSON is the union of every validator's fields; "value" is kept
// raw because its shape depends on "type".
type validatorJSON struct {
	Type      string          `json:"type"`
	TableName string          `json:"tableName"`
	Value     json.RawMessage `json:"value"`
	Keys      json.RawMessage `json:"keys"`
	Values    *fieldJSON      `json:"values"`
}

type fieldJSON struct {
	FieldType json.RawMessage `json:"fieldType"`
	Optional  bool            `json:"optional"`
}

func (vp validatorParser) parse(raw json.RawMessage, where string) *Type {
	pos := Pos{File: vp.file}
	if len(bytes.TrimSpace(raw)) == 0 {
		vp.fail(where, "missing validator")
		return nil
	}
	var v validatorJSON
	if err := json.Unmarshal(raw, &v); err != nil {
		vp.fail(where, "bad validator JSON: %v", err)
		return nil
	}
	switch v.Type {
	case "string":
		return &Type{Kind: String, Pos: pos}
	case "number", "float64":
		return &Type{Kind: Number, Pos: pos}
	case "bigint", "int64":
		return &Type{Kind: Int64, Pos: pos}
	case "boolean":
		return &Type{Kind: Boolean, Pos: pos}
	case "bytes":
		return &Type{Kind: Bytes, Pos: pos}
	case "null":
		return &Type{Kind: Null, Pos: pos}
	case "any", "map", "set":
		return &Type{Kind: Any, Pos: pos}
	case "id":
		if v.TableName == "" {
			vp.fail(where, "id validator without tableName")
			return nil
		}
		return &Type{Kind: ID, Table: v.TableName, Pos: pos}
	case "literal":
		return vp.literal(v.Value, where)
	case "array":
		elem := vp.parse(v.Value, where+"[]")
		if elem == nil {
			return nil
		}
		return &Type{Kind: Array, Elem: elem, Pos: pos}
	case "record":
		if v.Values == nil {
			vp.fail(where, "record validator without values")
			return nil
		}
		key := vp.parse(v.Keys, where+" key")
		val := vp.parse(v.Values.FieldType, where+" value")
		if key == nil || val == nil {
			return nil
		}
		if !validRecordKey(key) {
			vp.fail(where, "unsupported record key type")
			return nil
		}
		return &Type{Kind: Record, Key: key, Elem: val, Pos: pos}
	case "object":
		return vp.object(v.Value, where)
	case "union":
		var members []json.RawMessage
		if err := json.Unmarshal(v.Value, &members); err != nil {
			vp.fail(where, "bad union validator: %v", err)
			return nil
		}
		if len(members) == 0 {
			vp.fail(where, "union validator without members")
			return nil
		}
		u := &Type{Kind: Union, Pos: pos}
		for _, m := range members {
			t := vp.parse(m, where)
			if t == nil {
				return nil
			}
			u.Variants = append(u.Variants, t)
		}
		if len(u.Variants) == 1 {
			// v.union(x) validates exactly what x does.
			return u.Variants[0]
		}
		return u
	}
	vp.fail(where, "unsupported validator type %q", v.Type)
	return nil
}

func (vp validatorParser) literal(raw json.RawMessage, where string) *Type {
	pos := Pos{File: vp.file}
	var value any
	if err := json.Unmarshal(raw, &value); err != nil {
		vp.fail(where, "bad literal: %v", err)
		return nil
	}
	switch x := value.(type) {
	case string, float64, bool:
		return &Type{Kind: Literal, Value: x, Pos: pos}
	case map[string]any:
		// v.literal(1n) is {"$integer": base64 of 8 little-endian bytes}.
		if enc, ok := x["$integer"].(string); ok && len(x) == 1 {
			b, err := base64.StdEncoding.DecodeString(enc)
			if err == nil && len(b) == 8 {
				return &Type{Kind: Literal, Value: int64(binary.LittleEndian.Uint64(b)), Pos: pos}
			}
		}
	}
	vp.fail(where, "unsupported literal %s", string(raw))
	return nil
}

// object keeps the fields in the order the JSON lists them (function-spec
// sorts keys, so that is alphabetical).
func (vp validatorParser) object(raw json.RawMessage, where string) *Type {
	obj := &Type{Kind: Object, Pos: Pos{File: vp.file}}
	dec := json.NewDecoder(bytes.NewReader(raw))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		vp.fail(where, "object validator value must be a JSON object")
		return nil
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			vp.fail(where, "bad object validator: %v", err)
			return nil
		}
		name := tok.(string)
		var field fieldJSON
		if err := dec.Decode(&field); err != nil {
			vp.fail(where, "field %q: %v", name, err)
			return nil
		}
		t := vp.parse(field.FieldType, where+"."+name)
		if t == nil {
			return nil
		}
		obj.Fields = append(obj.Fields, Field{Name: name, Type: t, Optional: field.Optional, Pos: obj.Pos})
	}
	return obj
}
