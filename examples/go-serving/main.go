// Command go-serving is the card_fraud serving side written in Go: it speaks Lockstep's line protocol
// (docs/protocol.md) as an entity-wise command side, validates each input against the contract's exported JSON
// Schema, and computes the features from its own online store.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	_ "time/tzdata" // time zones even where the system has no zoneinfo

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// request is any line Lockstep writes: a record, a batch's end, or a reset.
type request struct {
	ID        string      `json:"id"`
	Entity    string      `json:"entity"`
	Timestamp json.Number `json:"timestamp"`
	Input     any         `json:"input"`
	End       *string     `json:"end"`
	Reset     *string     `json:"reset"`
}

type answer struct {
	ID       string         `json:"id"`
	Features map[string]any `json:"features,omitempty"`
	Error    string         `json:"error,omitempty"`
}

func main() {
	schema, err := compileInputSchema()
	if err != nil {
		fmt.Fprintln(os.Stderr, "go-serving:", err)
		os.Exit(2)
	}
	store := newOnlineStore(os.Getenv("GO_SERVING_BUG") == "1")
	in := bufio.NewReaderSize(os.Stdin, 1<<16)
	out := bufio.NewWriter(os.Stdout)
	for {
		if in.Buffered() == 0 {
			out.Flush() // answer everything read before waiting for more requests
		}
		line, err := in.ReadBytes('\n')
		if len(bytes.TrimSpace(line)) > 0 {
			writeLine(out, handle(line, schema, store))
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "go-serving: reading stdin:", err)
			os.Exit(1)
		}
	}
	out.Flush()
}

// handle answers one line: a record's features or error, the acknowledgement of a reset, or nothing for an end.
func handle(line []byte, schema *jsonschema.Schema, store *onlineStore) any {
	var req request
	dec := json.NewDecoder(bytes.NewReader(line))
	dec.UseNumber() // int64 ids and exact decimals survive decoding
	if err := dec.Decode(&req); err != nil {
		fmt.Fprintf(os.Stderr, "go-serving: not a request: %v\n", err)
		return nil
	}
	switch {
	case req.Reset != nil:
		store.clear()
		return map[string]string{"reset": *req.Reset}
	case req.End != nil:
		store.clear() // a batch never splits an entity: the next batch brings whole histories
		return nil
	}
	if err := schema.Validate(req.Input); err != nil {
		return answer{ID: req.ID, Error: "input invalid: " + validationMessage(err)}
	}
	ts, err := req.Timestamp.Int64()
	if err != nil {
		return answer{ID: req.ID, Error: fmt.Sprintf("timestamp %q is not epoch milliseconds", req.Timestamp)}
	}
	txn, err := transactionOf(req.Input.(map[string]any))
	if err != nil {
		return answer{ID: req.ID, Error: err.Error()}
	}
	features, err := store.features(req.Entity, ts, txn)
	if err != nil {
		return answer{ID: req.ID, Error: err.Error()}
	}
	return answer{ID: req.ID, Features: features}
}

// transactionOf reads the fields the features use from a validated input.
func transactionOf(input map[string]any) (transaction, error) {
	amount, err := input["amount"].(json.Number).Float64()
	if err != nil {
		return transaction{}, fmt.Errorf("amount: %w", err)
	}
	return transaction{
		amount:           amount,
		merchantName:     input["merchant_name"].(string),
		merchantCategory: input["merchant_category"].(string),
		cardholderTz:     input["cardholder_tz"].(string),
	}, nil
}

func writeLine(out *bufio.Writer, v any) {
	if v == nil {
		return
	}
	line, err := json.Marshal(v)
	if err != nil {
		line, _ = json.Marshal(map[string]string{"error": err.Error()})
	}
	out.Write(line)
	out.WriteByte('\n')
}
