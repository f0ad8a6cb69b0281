package manifest

import (
	"bytes"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
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

// ParseSpec reads function-spec JSON. file names the document in errors,
// which carry the line and column of the offending value. It returns the
// public query, mutation and action entries, a description of each entry
// it skipped, and every problem found.
func ParseSpec(file string, data []byte) ([]*Function, []string, ErrorList) {
	var errs errs
	regenerate := "regenerate it with `npx convex function-spec > " + file + "` in the Convex project"
	trimmed := bytes.TrimLeft(data, " \t\r\n")
	switch {
	case len(trimmed) == 0:
		errs.add(Pos{File: file, Line: 1, Col: 1}, regenerate, "the function spec is empty")
		return nil, nil, errs.list
	case trimmed[0] != '{':
		pos := newJSONIndex(file, data, false).posOf(len(data) - len(trimmed))
		errs.add(pos, regenerate, "the function spec is not a JSON object: it starts with %q", firstLine(trimmed, 20))
		return nil, nil, errs.list
	}
	var doc specFile
	if err := json.Unmarshal(data, &doc); err != nil {
		var syntax *json.SyntaxError
		if errors.As(err, &syntax) {
			// Offset counts the bytes read, including the offending one;
			// a truncated document is reported just past its end.
			off := int(syntax.Offset) - 1
			if strings.HasPrefix(syntax.Error(), "unexpected end") {
				off = len(data)
			}
			pos := newJSONIndex(file, data, false).posOf(off)
			errs.add(pos, regenerate, "invalid function spec: %v", err)
			return nil, nil, errs.list
		}
		ix := newJSONIndex(file, data, true)
		errs.add(ix.at(fieldPointer("", err)), regenerate, "invalid function spec: %s", unmarshalMessage(err))
		return nil, nil, errs.list
	}
	ix := newJSONIndex(file, data, true)
	var fns []*Function
	var skipped []string
	for i, raw := range doc.Functions {
		entry := child("/functions", strconv.Itoa(i))
		var sf specFunction
		if err := json.Unmarshal(raw, &sf); err != nil {
			errs.add(ix.at(fieldPointer(entry, err)), "each entry has functionType, identifier, args, returns and visibility", "functions[%d]: %v", i, unmarshalMessage(err))
			continue
		}
		if sf.FunctionType == "HttpAction" {
			skipped = append(skipped, fmt.Sprintf("HTTP action %s %s", sf.Method, sf.Path))
			continue
		}
		pos := ix.at(child(entry, "identifier"))
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
			errs.add(ix.at(child(entry, "functionType")), "Convex function types are Query, Mutation, Action and HttpAction", "%s: unknown functionType %q", sf.Identifier, sf.FunctionType)
			continue
		}
		vp := validatorParser{ix: ix, fn: sf.Identifier, errs: &errs}
		f.Args = vp.parse(sf.Args, "args", child(entry, "args"))
		if f.Args != nil && f.Args.Kind == Any {
			f.UntypedArgs = true
		} else if f.Args != nil && f.Args.Kind != Object {
			errs.add(f.Args.Pos, "", "%s: args validator must be an object", sf.Identifier)
		}
		if len(bytes.TrimSpace(sf.Returns)) == 0 || string(bytes.TrimSpace(sf.Returns)) == "null" {
			f.Returns, f.UntypedReturns = &Type{Kind: Any, Pos: pos}, true
		} else {
			f.Returns = vp.parse(sf.Returns, "returns", child(entry, "returns"))
		}
		if f.Args == nil || f.Returns == nil {
			continue
		}
		fns = append(fns, f)
	}
	return fns, skipped, errs.list
}

// firstLine returns the start of data up to its first line break, at most limit bytes.
func firstLine(data []byte, limit int) string {
	if i := bytes.IndexAny(data, "\r\n"); i >= 0 {
		data = data[:i]
	}
	if len(data) > limit {
		return string(data[:limit]) + "..."
	}
	return string(data)
}

// fieldPointer is the JSON pointer of the field an encoding/json type error
// names, below base; base itself for other errors.
func fieldPointer(base string, err error) string {
	var typ *json.UnmarshalTypeError
	if !errors.As(err, &typ) || typ.Field == "" {
		return base
	}
	for _, name := range strings.Split(typ.Field, ".") {
		base = child(base, name)
	}
	return base
}

// unmarshalMessage drops encoding/json's Go type names from a type error,
// which mean nothing to someone reading the spec file.
func unmarshalMessage(err error) string {
	var typ *json.UnmarshalTypeError
	if errors.As(err, &typ) && typ.Field != "" {
		return fmt.Sprintf("%s: unexpected JSON %s", typ.Field, typ.Value)
	}
	if errors.As(err, &typ) {
		return fmt.Sprintf("unexpected JSON %s", typ.Value)
	}
	return err.Error()
}

// validatorParser turns validator JSON (convex/values ValidatorJSON) into
// Types positioned in the spec file.
type validatorParser struct {
	ix   *jsonIndex
	fn   string
	errs *errs
}

func (vp validatorParser) fail(ptr, where, format string, args ...any) {
	vp.errs.add(vp.ix.at(ptr), "", "%s: %s: %s", vp.fn, where, fmt.Sprintf(format, args...))
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

// parse reads the validator raw, found at JSON pointer ptr; where names it in messages.
func (vp validatorParser) parse(raw json.RawMessage, where, ptr string) *Type {
	pos := vp.ix.at(ptr)
	if len(bytes.TrimSpace(raw)) == 0 {
		vp.fail(ptr, where, "missing validator")
		return nil
	}
	var v validatorJSON
	if err := json.Unmarshal(raw, &v); err != nil {
		vp.fail(ptr, where, "bad validator JSON: %v", unmarshalMessage(err))
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
			vp.fail(ptr, where, "id validator without tableName")
			return nil
		}
		return &Type{Kind: ID, Table: v.TableName, Pos: pos}
	case "literal":
		return vp.literal(v.Value, where, child(ptr, "value"))
	case "array":
		elem := vp.parse(v.Value, where+"[]", child(ptr, "value"))
		if elem == nil {
			return nil
		}
		return &Type{Kind: Array, Elem: elem, Pos: pos}
	case "record":
		if v.Values == nil {
			vp.fail(ptr, where, "record validator without values")
			return nil
		}
		key := vp.parse(v.Keys, where+" key", child(ptr, "keys"))
		val := vp.parse(v.Values.FieldType, where+" value", child(child(ptr, "values"), "fieldType"))
		if key == nil || val == nil {
			return nil
		}
		if !validRecordKey(key) {
			vp.fail(child(ptr, "keys"), where, "unsupported record key type")
			return nil
		}
		return &Type{Kind: Record, Key: key, Elem: val, Pos: pos}
	case "object":
		return vp.object(v.Value, where, child(ptr, "value"))
	case "union":
		var members []json.RawMessage
		if err := json.Unmarshal(v.Value, &members); err != nil {
			vp.fail(ptr, where, "bad union validator: %v", unmarshalMessage(err))
			return nil
		}
		if len(members) == 0 {
			vp.fail(ptr, where, "union validator without members")
			return nil
		}
		u := &Type{Kind: Union, Pos: pos}
		for i, m := range members {
			t := vp.parse(m, where, child(child(ptr, "value"), strconv.Itoa(i)))
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
	case "function":
		return &Type{Kind: FunctionRef, Pos: pos}
	}
	// A validator type from a newer Convex release: typed as any, and the
	// generator warns, so upgrading Convex cannot break go generate.
	return &Type{Kind: Any, Unknown: v.Type, Pos: pos}
}

func (vp validatorParser) literal(raw json.RawMessage, where, ptr string) *Type {
	pos := vp.ix.at(ptr)
	var value any
	if err := json.Unmarshal(raw, &value); err != nil {
		vp.fail(ptr, where, "bad literal: %v", err)
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
	vp.fail(ptr, where, "unsupported literal %s", string(raw))
	return nil
}

// object keeps the fields in the order the JSON lists them (function-spec
// sorts keys, so that is alphabetical).
func (vp validatorParser) object(raw json.RawMessage, where, ptr string) *Type {
	obj := &Type{Kind: Object, Pos: vp.ix.at(ptr)}
	dec := json.NewDecoder(bytes.NewReader(raw))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		vp.fail(ptr, where, "object validator value must be a JSON object")
		return nil
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			vp.fail(ptr, where, "bad object validator: %v", err)
			return nil
		}
		name := tok.(string)
		fieldPtr := child(ptr, name)
		if !jsonTagSafe(name) {
			vp.fail(fieldPtr, where, "field name %q cannot be carried by a Go json struct tag (%s)", name, tagSafeHint)
			return nil
		}
		var field fieldJSON
		if err := dec.Decode(&field); err != nil {
			vp.fail(fieldPtr, where, "field %q: %v", name, unmarshalMessage(err))
			return nil
		}
		t := vp.parse(field.FieldType, where+"."+name, child(fieldPtr, "fieldType"))
		if t == nil {
			return nil
		}
		obj.Fields = append(obj.Fields, Field{Name: name, Type: t, Optional: field.Optional, Pos: vp.ix.at(fieldPtr)})
	}
	return obj
}
