package convex

import "fmt"

// envelope is the body of a 200 (or 560) answer from /api/query, /api/mutation
// and /api/action (UdfResponse in convex-backend):
//
//	{"status":"success","value":<Convex JSON>,"logLines":[…]}
//	{"status":"error","errorMessage":"…","errorData":<Convex JSON>,"logLines":[…]}
//
// value and errorData are kept as raw bytes (aliasing the body) and decoded
// later into the caller's type, so the body is read only once more.
type envelope struct {
	status       string
	value        []byte // nil when absent
	errorMessage string
	errorData    []byte // nil when absent; errorData:null is present
	logLines     []string
}

// parseEnvelope parses body, checking its JSON grammar throughout. It does
// not apply Convex value rules to value and errorData: decoding them does.
func parseEnvelope(body []byte) (envelope, error) {
	var env envelope
	d := decodeState{data: body}
	if err := d.expect('{'); err != nil {
		return env, err
	}
	if d.peek() == '}' {
		d.off++
	} else {
		for {
			key, err := d.readString()
			if err != nil {
				return env, err
			}
			// Compare before the next readString reuses the buffer.
			name := envelopeField(key)
			if err := d.expect(':'); err != nil {
				return env, err
			}
			switch name {
			case "status", "errorMessage":
				if d.peek() != '"' {
					return env, fmt.Errorf("%s is not a string", name)
				}
				s, err := d.readString()
				if err != nil {
					return env, err
				}
				if name == "status" {
					env.status = string(s)
				} else {
					env.errorMessage = string(s)
				}
			case "value", "errorData":
				d.peek()
				start := d.off
				if err := d.skipValue(0, false); err != nil {
					return env, err
				}
				if name == "value" {
					env.value = body[start:d.off]
				} else {
					env.errorData = body[start:d.off]
				}
			case "logLines":
				if env.logLines, err = d.readLogLines(); err != nil {
					return env, err
				}
			default:
				if err := d.skipValue(0, false); err != nil {
					return env, err
				}
			}
			if done, err := d.nextMember('}'); err != nil {
				return env, err
			} else if done {
				break
			}
		}
	}
	if c := d.peek(); c != 0 {
		return env, d.syntaxError("unexpected %s after the response object", d.describe(c))
	}
	return env, nil
}

// envelopeField returns the known field name key spells, or "".
func envelopeField(key []byte) string {
	switch string(key) {
	case "status":
		return "status"
	case "value":
		return "value"
	case "errorMessage":
		return "errorMessage"
	case "errorData":
		return "errorData"
	case "logLines":
		return "logLines"
	}
	return ""
}

// readLogLines reads the logLines array. Lines are strings today; anything
// else is kept as its JSON text rather than failing the call.
func (d *decodeState) readLogLines() ([]string, error) {
	if d.peek() == 'n' {
		return nil, d.readLiteral("null")
	}
	if err := d.expect('['); err != nil {
		return nil, err
	}
	var lines []string
	if d.peek() == ']' {
		d.off++
		return lines, nil
	}
	for {
		if d.peek() == '"' {
			s, err := d.readString()
			if err != nil {
				return nil, err
			}
			lines = append(lines, string(s))
		} else {
			start := d.off
			if err := d.skipValue(0, false); err != nil {
				return nil, err
			}
			lines = append(lines, string(d.data[start:d.off]))
		}
		if done, err := d.nextMember(']'); err != nil {
			return nil, err
		} else if done {
			return lines, nil
		}
	}
}
