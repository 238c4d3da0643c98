package main

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// The contract's JSON Schema, as `lockstep schema` exports it (a test checks that the committed copy is current).
//
//go:embed card_fraud.schema.json
var contractSchema []byte

const schemaURL = "https://lockstep.example/card_fraud.schema.json"

// compileInputSchema compiles the schema's `input` subschema once; every request is validated against it.
func compileInputSchema() (*jsonschema.Schema, error) {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(contractSchema))
	if err != nil {
		return nil, fmt.Errorf("card_fraud.schema.json is not JSON: %w", err)
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	if err := c.AddResource(schemaURL, doc); err != nil {
		return nil, err
	}
	return c.Compile(schemaURL + "#/properties/input")
}

// validationMessage is one line per failed keyword, each at the JSON pointer of the value it rejects.
func validationMessage(err error) string {
	var invalid *jsonschema.ValidationError
	if !errors.As(err, &invalid) {
		return err.Error()
	}
	var parts []string
	for _, unit := range invalid.BasicOutput().Errors {
		if unit.Error != nil {
			parts = append(parts, fmt.Sprintf("at '%s': %s", unit.InstanceLocation, unit.Error))
		}
	}
	if len(parts) == 0 {
		return err.Error()
	}
	return strings.Join(parts, "; ")
}
