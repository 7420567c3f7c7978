package reference

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// searchSchema is the schema of a POST .search body (RFC 7644 section 3.4.3).
const searchSchema = "urn:ietf:params:scim:api:messages:2.0:SearchRequest"

// searchRequest is a POST .search body. startIndex and count are read as
// the query parameters are (an integer beyond int64 is its bound).
type searchRequest struct {
	Schemas            []string        `json:"schemas"`
	Attributes         []string        `json:"attributes"`
	ExcludedAttributes []string        `json:"excludedAttributes"`
	Filter             *string         `json:"filter"`
	SortBy             *string         `json:"sortBy"`
	SortOrder          *string         `json:"sortOrder"`
	StartIndex         json.RawMessage `json:"startIndex"`
	Count              json.RawMessage `json:"count"`
}

// searchQuery reads a POST .search body into the query a GET of the same
// list would carry (RFC 7644 section 3.4.3: the same parameters, in the
// body), so that the list's own handler answers it.
func (c *call) searchQuery() *scimError {
	body, err := c.readBody()
	if err != nil {
		return err
	}
	defer putBuf(body)
	var in searchRequest
	if err := decodeJSON(body.b, &in); err != nil {
		return err
	}
	if err := checkSchemas(in.Schemas, searchSchema); err != nil {
		return err
	}
	q := url.Values{}
	if in.Filter != nil {
		q.Set("filter", *in.Filter)
	}
	if len(in.Attributes) > 0 {
		q.Set("attributes", strings.Join(in.Attributes, ","))
	}
	if len(in.ExcludedAttributes) > 0 {
		q.Set("excludedAttributes", strings.Join(in.ExcludedAttributes, ","))
	}
	for name, raw := range map[string]json.RawMessage{"startIndex": in.StartIndex, "count": in.Count} {
		if isNull(raw) {
			continue
		}
		var n json.Number
		if err := json.Unmarshal(raw, &n); err != nil {
			return errorf(http.StatusBadRequest, typeInvalidValue, "%s must be an integer, not %s", name, abbreviate(raw))
		}
		if _, err := strconv.ParseFloat(n.String(), 64); err != nil {
			return errorf(http.StatusBadRequest, typeInvalidValue, "%s must be an integer, not %s", name, abbreviate(raw))
		}
		q.Set(name, n.String())
	}
	c.q = q
	return nil
}
