package main

import (
	"fmt"
	"math"
	"time"
	"unicode/utf8"
)

// week is the window of the 7-day features, in epoch milliseconds.
const week = 7 * 24 * 3_600_000

var merchantCategories = map[string]bool{
	"grocery": true, "restaurants": true, "fuel": true, "travel": true,
	"electronics": true, "apparel": true, "subscriptions": true, "pharmacy": true,
}

// transaction is the part of a card_fraud input the features read.
type transaction struct {
	amount           float64
	merchantName     string
	merchantCategory string
	cardholderTz     string
}

type storedTxn struct {
	ts     int64
	amount float64
}

// onlineStore holds each card's transactions of the last 7 days, the way a request path keeps them in Redis.
type onlineStore struct {
	cards     map[string][]storedTxn
	zones     map[string]*time.Location
	roundHalf func(float64) float64
}

func newOnlineStore(roundHalfUp bool) *onlineStore {
	round := math.RoundToEven // what Python's round() does, as the training side
	if roundHalfUp {
		round = math.Round // GO_SERVING_BUG=1: half away from zero, the classic serving bug
	}
	return &onlineStore{cards: map[string][]storedTxn{}, zones: map[string]*time.Location{}, roundHalf: round}
}

func (s *onlineStore) clear() { s.cards = map[string][]storedTxn{} }

func (s *onlineStore) zone(name string) (*time.Location, error) {
	if loc, ok := s.zones[name]; ok {
		return loc, nil
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, fmt.Errorf("unknown time zone %q (%v)", name, err)
	}
	s.zones[name] = loc
	return loc, nil
}

// features computes one transaction's card_fraud features at ts (epoch ms) and records it in the card's history.
func (s *onlineStore) features(card string, ts int64, txn transaction) (map[string]any, error) {
	loc, err := s.zone(txn.cardholderTz)
	if err != nil {
		return nil, err
	}
	events := s.cards[card]
	var prev any // null for a card's first transaction
	if len(events) > 0 {
		prev = time.UnixMilli(events[len(events)-1].ts).UTC().Format("2006-01-02T15:04:05.000Z")
	}
	expired := 0
	for expired < len(events) && events[expired].ts <= ts-week { // the window is (t - 7d, t]
		expired++
	}
	events = events[expired:]
	prevSum := 0.0
	for _, e := range events {
		prevSum += e.amount
	}
	recent := len(events)
	s.cards[card] = append(events, storedTxn{ts: ts, amount: txn.amount})
	avgPrev := 0.0 // the training pipeline's fillna(0)
	if recent > 0 {
		avgPrev = prevSum / float64(recent)
	}
	local := time.UnixMilli(ts).In(loc)
	weekday := (int(local.Weekday()) + 6) % 7 // Monday = 0
	category := txn.merchantCategory
	if !merchantCategories[category] {
		category = "other"
	}
	return map[string]any{
		"log_amount":           math.Log1p(txn.amount),
		"amount_rounded":       int64(s.roundHalf(txn.amount)),
		"hour_of_day":          local.Hour(),
		"day_of_week":          weekday,
		"is_weekend":           weekday >= 5,
		"merchant_category":    category,
		"txn_count_7d":         recent + 1,
		"amount_sum_7d":        prevSum + txn.amount,
		"avg_amount_prev_7d":   avgPrev,
		"merchant_name_length": utf8.RuneCountInString(txn.merchantName), // code points, as Python's len()
		"merchant_token_count": tokenCount(txn.merchantName),
		"prev_txn_at":          prev,
	}, nil
}

// isSpace is JavaScript's \s (WhiteSpace and LineTerminator), which both other sides split tokens on.
func isSpace(r rune) bool {
	switch {
	case r == ' ' || (r >= '\t' && r <= '\r'):
		return true
	case r == 0xa0 || r == 0x1680 || (r >= 0x2000 && r <= 0x200a):
		return true
	case r == 0x2028 || r == 0x2029 || r == 0x202f || r == 0x205f || r == 0x3000 || r == 0xfeff:
		return true
	}
	return false
}

// tokenCount counts the runs of characters other than whitespace.
func tokenCount(s string) int {
	tokens, inToken := 0, false
	for _, r := range s {
		space := isSpace(r)
		if !space && !inToken {
			tokens++
		}
		inToken = !space
	}
	return tokens
}
