// A QA team's own Go module that runs scimharness's steps under `go test`:
// see the README's "Your own suite under go test". Outside this repository,
// drop the replace directive and require a released version.
module example.com/zincqa

go 1.26.8

require (
	github.com/cucumber/godog v0.16.0
	github.com/scimharness/scimharness v0.0.0
)

require (
	github.com/cucumber/gherkin/go/v42 v42.0.0 // indirect
	github.com/cucumber/messages/go/v34 v34.2.0 // indirect
	github.com/di-wu/parser v0.2.2 // indirect
	github.com/google/uuid v1.6.0 // indirect
	github.com/hashicorp/go-immutable-radix v1.3.1 // indirect
	github.com/hashicorp/go-memdb v1.3.5 // indirect
	github.com/hashicorp/golang-lru v0.5.4 // indirect
	github.com/scim2/filter-parser/v2 v2.2.1 // indirect
	github.com/spf13/pflag v1.0.10 // indirect
	github.com/tidwall/gjson v1.20.0 // indirect
	github.com/tidwall/match v1.1.1 // indirect
	github.com/tidwall/pretty v1.2.0 // indirect
	golang.org/x/net v0.60.0 // indirect
)

replace github.com/scimharness/scimharness => ../../..
