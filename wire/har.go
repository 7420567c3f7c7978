package wire

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
)

// harEntry is the part of a HAR 1.2 entry that a capture needs.
type harEntry struct {
	Request struct {
		Method   string      `json:"method"`
		URL      string      `json:"url"`
		Headers  []harHeader `json:"headers"`
		PostData *struct {
			MimeType string `json:"mimeType"`
			Text     string `json:"text"`
			Encoding string `json:"encoding"`
		} `json:"postData"`
	} `json:"request"`
	Response *struct {
		Status  int         `json:"status"`
		Headers []harHeader `json:"headers"`
		Content *struct {
			MimeType string  `json:"mimeType"`
			Text     *string `json:"text"`
			Encoding string  `json:"encoding"`
		} `json:"content"`
	} `json:"response"`
	Comment string `json:"comment"`
}

type harHeader struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// readHAR reads log.entries of a HAR file one entry at a time, so that a
// truncated file says how far it got.
func readHAR(data []byte, lim Limits) (*Capture, error) {
	c := &Capture{Format: "har"}
	dec := json.NewDecoder(bytes.NewReader(data))
	fail := func(err error) error {
		if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
			return fmt.Errorf("the HAR file is truncated: it ends at byte %d, after %d complete entries", len(data), len(c.Exchanges)+len(c.Problems))
		}
		return fmt.Errorf("the HAR file is not valid JSON after %d complete entries (byte %d): %w", len(c.Exchanges)+len(c.Problems), dec.InputOffset(), err)
	}
	if err := enterObject(dec, "log"); err != nil {
		return nil, fail(err)
	}
	found := false
	for dec.More() {
		key, err := objectKey(dec)
		if err != nil {
			return nil, fail(err)
		}
		if key != "entries" {
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return nil, fail(err)
			}
			continue
		}
		found = true
		if t, err := dec.Token(); err != nil {
			return nil, fail(err)
		} else if d, ok := t.(json.Delim); !ok || d != '[' {
			return nil, errors.New("the HAR file's log.entries is not an array")
		}
		for n := 1; dec.More(); n++ {
			var e harEntry
			if err := dec.Decode(&e); err != nil {
				var te *json.UnmarshalTypeError
				if errors.As(err, &te) {
					c.Problems = append(c.Problems, Problem{Entry: fmt.Sprintf("entry %d", n), Reason: "not a HAR entry: " + err.Error()})
					continue
				}
				return nil, fail(err)
			}
			if len(c.Exchanges) >= lim.MaxExchanges {
				return nil, &TooLargeError{What: fmt.Sprintf("more than %d exchanges", lim.MaxExchanges)}
			}
			entry := fmt.Sprintf("entry %d", n)
			x, err := harExchange(&e, lim)
			if err != nil {
				c.Problems = append(c.Problems, Problem{Entry: entry, Reason: err.Error()})
				continue
			}
			x.Entry = entry
			c.Exchanges = append(c.Exchanges, x)
		}
		if _, err := dec.Token(); err != nil {
			return nil, fail(err)
		}
	}
	if _, err := dec.Token(); err != nil { // the end of log
		return nil, fail(err)
	}
	if !found {
		return nil, errors.New("the HAR file has no log.entries")
	}
	return c, nil
}

// enterObject reads '{' and the members up to key, whose value comes next;
// members before it are skipped. Then it reads the value's '{'.
func enterObject(dec *json.Decoder, key string) error {
	if t, err := dec.Token(); err != nil {
		return err
	} else if d, ok := t.(json.Delim); !ok || d != '{' {
		return errors.New("not a JSON object")
	}
	for dec.More() {
		k, err := objectKey(dec)
		if err != nil {
			return err
		}
		if k == key {
			t, err := dec.Token()
			if err != nil {
				return err
			}
			if d, ok := t.(json.Delim); !ok || d != '{' {
				return fmt.Errorf("%q is not an object", key)
			}
			return nil
		}
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			return err
		}
	}
	return fmt.Errorf("no %q member", key)
}

func objectKey(dec *json.Decoder) (string, error) {
	t, err := dec.Token()
	if err != nil {
		return "", err
	}
	k, ok := t.(string)
	if !ok {
		return "", fmt.Errorf("expected an object key, got %v", t)
	}
	return k, nil
}

func harExchange(e *harEntry, lim Limits) (Exchange, error) {
	x := Exchange{Method: strings.ToUpper(e.Request.Method), URL: e.Request.URL, Header: harHeaders(e.Request.Headers)}
	if pd := e.Request.PostData; pd != nil {
		b, err := harText(pd.Text, pd.Encoding, lim)
		if err != nil {
			return x, fmt.Errorf("request body: %w", err)
		}
		x.Body = b
		if x.Header.Get("Content-Type") == "" && pd.MimeType != "" {
			x.Header.Set("Content-Type", pd.MimeType)
		}
	}
	if r := e.Response; r != nil && r.Status > 0 {
		x.Status = r.Status
		x.ResponseHeader = harHeaders(r.Headers)
		if ct := r.Content; ct != nil && ct.Text != nil {
			b, err := harText(*ct.Text, ct.Encoding, lim)
			if err != nil {
				return x, fmt.Errorf("response body: %w", err)
			}
			x.ResponseBody, x.HasResponseBody = b, true
		} else if r.Status == http.StatusNoContent {
			x.HasResponseBody = true
		}
	}
	x.Action = e.Comment
	return x, checkRequest(&x, lim)
}

func harText(text, encoding string, lim Limits) ([]byte, error) {
	switch strings.ToLower(encoding) {
	case "":
		if len(text) > lim.MaxBody {
			return nil, fmt.Errorf("larger than %d bytes", lim.MaxBody)
		}
		return []byte(text), nil
	case "base64":
		if base64.StdEncoding.DecodedLen(len(text)) > lim.MaxBody+3 {
			return nil, fmt.Errorf("larger than %d bytes", lim.MaxBody)
		}
		return base64.StdEncoding.DecodeString(text)
	}
	return nil, fmt.Errorf("encoding %q: expected none or base64", truncate(encoding, 20))
}

// harHeaders keeps the headers in order, HTTP/2 pseudo-headers left out.
func harHeaders(hs []harHeader) http.Header {
	h := http.Header{}
	for _, kv := range hs {
		if kv.Name == "" || strings.HasPrefix(kv.Name, ":") {
			continue
		}
		h.Add(kv.Name, kv.Value)
	}
	return h
}
