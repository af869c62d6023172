// Package i18n names the languages chanlab speaks: English, and Korean for
// the course's learners.
//
// Translations live beside the English they translate, in the package that
// owns the text: a pattern's Korean sits in its Spec (TitleKo beside Title),
// a history notice is built in both languages where it is built, and the
// UI's Korean is one table in package app keyed by the English itself. So
// whoever changes a text sees its translation in the same place, and each
// package's completeness test fails when a text lacks Korean. This package
// holds only what they share: the Lang type and how a page picks one.
package i18n

import "strings"

// Lang is a language chanlab's pages can be shown in. Its value is the
// BCP 47 tag, as in <html lang> and the lang= URL parameter.
type Lang string

// The languages.
const (
	En Lang = "en"
	Ko Lang = "ko"
)

// All lists the languages, English first: the fallback.
var All = []Lang{En, Ko}

// Name is the language's name in that language, for the switch.
func (l Lang) Name() string {
	if l == Ko {
		return "한국어"
	}
	return "English"
}

// Parse reads a lang= URL parameter: "en" or "ko", in any case.
func Parse(s string) (Lang, bool) {
	switch Lang(strings.ToLower(strings.TrimSpace(s))) {
	case En:
		return En, true
	case Ko:
		return Ko, true
	}
	return En, false
}

// FromBrowser picks the language for a browser's preferred languages
// (navigator.languages): Korean if any of them is Korean (ko, ko-KR, …),
// since a learner who reads Korean at all is this course's reader;
// otherwise English.
func FromBrowser(tags []string) Lang {
	for _, t := range tags {
		t = strings.ToLower(strings.TrimSpace(t))
		if t == "ko" || strings.HasPrefix(t, "ko-") || strings.HasPrefix(t, "ko_") {
			return Ko
		}
	}
	return En
}

// Text is one text in both languages, for texts made while a program runs
// (a notice naming a queue) rather than written once in a table.
type Text struct {
	En, Ko string
}

// In is the text in l; English when it has no Korean.
func (t Text) In(l Lang) string {
	if l == Ko && t.Ko != "" {
		return t.Ko
	}
	return t.En
}
