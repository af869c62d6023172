package i18n

import "testing"

func TestParse(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want Lang
		ok   bool
	}{
		{"en", En, true}, {"ko", Ko, true}, {"KO", Ko, true}, {" ko ", Ko, true},
		{"", En, false}, {"kr", En, false}, {"ko-KR", En, false}, {"fr", En, false},
	} {
		if got, ok := Parse(tt.in); got != tt.want || ok != tt.ok {
			t.Errorf("Parse(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestFromBrowser(t *testing.T) {
	for _, tt := range []struct {
		tags []string
		want Lang
	}{
		{nil, En},
		{[]string{"en-US", "en"}, En},
		{[]string{"ko-KR", "ko", "en-US"}, Ko},
		{[]string{"en-US", "ko"}, Ko},
		{[]string{"KO-kr"}, Ko},
		{[]string{"kok"}, En}, // Konkani, not Korean
		{[]string{"fr", "de"}, En},
	} {
		if got := FromBrowser(tt.tags); got != tt.want {
			t.Errorf("FromBrowser(%q) = %q, want %q", tt.tags, got, tt.want)
		}
	}
}

func TestText(t *testing.T) {
	tx := Text{En: "queue full", Ko: "큐가 가득 참"}
	if got := tx.In(Ko); got != "큐가 가득 참" {
		t.Errorf("In(Ko) = %q", got)
	}
	if got := tx.In(En); got != "queue full" {
		t.Errorf("In(En) = %q", got)
	}
	if got := (Text{En: "x"}).In(Ko); got != "x" {
		t.Errorf("a Text without Korean in Ko = %q, want the English", got)
	}
	if En.Name() != "English" || Ko.Name() != "한국어" {
		t.Errorf("names %q, %q", En.Name(), Ko.Name())
	}
}
