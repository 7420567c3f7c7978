package mockokta

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
)

// Import User Schema (docs/okta-entitlements-and-schema.md §7).

// SchemaAttribute is a user attribute Okta's schema import found.
type SchemaAttribute struct {
	// Schema is the URN of the schema that describes it: the core User
	// schema or an extension.
	Schema string
	// Name is the attribute's name, "name.givenName" for a sub-attribute.
	Name        string
	Type        string // string, boolean, complex, …
	MultiValued bool
	Required    bool
	Mutability  string
}

// Path is the attribute's path in a User: Name for the core schema,
// "urn:…:Name" for an extension (as User.Attributes keys are written).
func (a SchemaAttribute) Path() string {
	if a.Schema == userSchema {
		return a.Name
	}
	return a.Schema + ":" + a.Name
}

// UserSchema is what ImportUserSchema found.
type UserSchema struct {
	// Extensions are the schemas /ResourceTypes lists under User.
	Extensions []string
	// Attributes are the attributes of the core User schema, then of each
	// extension, in the order of /Schemas.
	Attributes []SchemaAttribute
	// Missing are extensions /ResourceTypes lists that /Schemas does not
	// describe: Okta cannot import their attributes.
	Missing []string
}

// ImportUserSchema is the OIN Wizard's Import User Schema (§7): GET
// /ResourceTypes for the User resource type and its extensions, then GET
// /Schemas for the core User schema and each of those extensions. A server
// without a User resource type, or whose /Schemas lacks the core User
// schema, fails the import (a task); an extension /Schemas does not describe
// is reported in Missing.
func (o *Org) ImportUserSchema(ctx context.Context) (*UserSchema, error) {
	const action = "import-user-schema"
	const while = "Error while importing the user schema"
	f := o.importFlow(action)
	types, err := o.readResourceTypes(ctx, f, action, while)
	if err != nil {
		return nil, err
	}
	i := slices.IndexFunc(types, func(rt ResourceType) bool { return rt.Schema == userSchema })
	if i < 0 {
		c := &call{action: action, target: o.app, kind: "list-resource-types", method: http.MethodGet, path: resourceTypeList}
		return nil, o.fail(f, c, &reply{status: http.StatusOK}, "a User resource type", "no resource type with the schema "+userSchema,
			while+": no User resource type")
	}
	us := &UserSchema{Extensions: types[i].Extensions}
	c := &call{action: action, target: o.app, kind: "list-schemas", method: http.MethodGet, path: "/Schemas"}
	r, err := o.readDiscovery(ctx, f, c, while)
	if err != nil {
		return nil, err
	}
	schemas, err := parseSchemas(r.body)
	if err != nil {
		return nil, o.failBody(f, c, r, "200 with a ListResponse of schemas", bodyProblem(r.body, err), while)
	}
	for _, urn := range append([]string{userSchema}, us.Extensions...) {
		attrs, ok := schemas[urn]
		if !ok {
			if urn == userSchema {
				return nil, o.failBody(f, c, r, "200 with the core User schema", "/Schemas does not describe "+userSchema, while)
			}
			us.Missing = append(us.Missing, urn)
			continue
		}
		us.Attributes = append(us.Attributes, attrs...)
	}
	return us, nil
}

// schemaDef is a Schema resource (RFC 7643 §7) as the import reads it.
type schemaDef struct {
	ID         string    `json:"id"`
	Attributes []attrDef `json:"attributes"`
}

type attrDef struct {
	Name          string    `json:"name"`
	Type          string    `json:"type"`
	MultiValued   bool      `json:"multiValued"`
	Required      bool      `json:"required"`
	Mutability    string    `json:"mutability"`
	SubAttributes []attrDef `json:"subAttributes"`
}

// maxSchemaAttributes bounds what one /Schemas answer may describe, so that a
// hostile server cannot make the import hold millions of attributes.
const maxSchemaAttributes = 10000

// parseSchemas reads a /Schemas ListResponse into each schema's attributes,
// by schema id. Every attribute needs a name and a type; sub-attributes of a
// complex attribute are read one level deep (RFC 7643 §2.4), named
// "parent.sub".
func parseSchemas(body []byte) (map[string][]SchemaAttribute, error) {
	var raw struct {
		Resources []schemaDef `json:"Resources"`
	}
	if err := json.Unmarshal(body, &raw); err != nil {
		return nil, fmt.Errorf("schemas: %w", err)
	}
	if raw.Resources == nil {
		return nil, errors.New("schemas: no Resources")
	}
	out := make(map[string][]SchemaAttribute, len(raw.Resources))
	n := 0
	for i, s := range raw.Resources {
		if s.ID == "" {
			return nil, fmt.Errorf("schemas: Resources[%d]: no id", i)
		}
		if _, dup := out[s.ID]; dup {
			return nil, fmt.Errorf("schemas: Resources[%d]: id %q appears twice", i, truncate(s.ID, 80))
		}
		attrs := []SchemaAttribute{}
		for j, a := range s.Attributes {
			if a.Name == "" || a.Type == "" {
				return nil, fmt.Errorf("schemas: %s: attributes[%d]: name and type are required", truncate(s.ID, 80), j)
			}
			attrs = append(attrs, SchemaAttribute{Schema: s.ID, Name: a.Name, Type: a.Type, MultiValued: a.MultiValued,
				Required: a.Required, Mutability: a.Mutability})
			for k, sub := range a.SubAttributes {
				if sub.Name == "" || sub.Type == "" {
					return nil, fmt.Errorf("schemas: %s: %s.subAttributes[%d]: name and type are required", truncate(s.ID, 80), truncate(a.Name, 80), k)
				}
				attrs = append(attrs, SchemaAttribute{Schema: s.ID, Name: a.Name + "." + sub.Name, Type: sub.Type,
					MultiValued: sub.MultiValued, Required: sub.Required, Mutability: sub.Mutability})
			}
			if n += len(a.SubAttributes) + 1; n > maxSchemaAttributes {
				return nil, fmt.Errorf("schemas: more than %d attributes", maxSchemaAttributes)
			}
		}
		out[s.ID] = attrs
	}
	return out, nil
}
