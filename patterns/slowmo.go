package patterns

import (
	"maps"
	"math"
	"slices"
)

// SlowMotion is the name, and URL query key, of the slow-motion knob:
// /prodcons?slowmo=5x. Every pattern that has a delay gets it as its last
// knob. Exec multiplies each of the run's delays, timeouts and durations
// by its factor before Run, so the pattern does the same work in the same
// proportions, only slower, and a learner can follow single items. The
// patterns know nothing of it.
const SlowMotion = "slowmo"

// slowmoFactors are the factors of slowmoParam's choices, in order; the
// index 0, a missing knob's value, is no slow motion.
var slowmoFactors = []int64{1, 2, 5, 10, 20}

var slowmoParam = Param{
	Name: SlowMotion, Label: "Slow motion", Kind: Choice, Default: "off",
	Choices: []string{"off", "2x", "5x", "10x", "20x"},
	Help:    "Makes every delay, timeout and duration this many times longer, so you can follow single items: the same work, only slower.",
	LabelKo: "느린 재생",
	HelpKo:  "모든 지연, 타임아웃, 시간을 이 배수만큼 늘려서 항목 하나하나를 따라가 볼 수 있게 합니다. 같은 작업을 더 느리게 할 뿐입니다.",
}

// The slow-motion knob is added here, once, to each pattern with a delay
// to slow down; those without one (pure computation, a deadlock) would
// show a knob that changes nothing.
func init() {
	for i, s := range catalog {
		if slices.ContainsFunc(s.Params, scaled) {
			catalog[i].Params = append(slices.Clip(s.Params), slowmoParam)
		}
	}
}

// scaled reports whether slow motion scales p: every Duration knob but a
// limit.
func scaled(p Param) bool { return p.Kind == Duration && !p.Unscaled }

// slowed returns vals with every delay of s multiplied by the slow-motion
// factor vals selects. vals itself is not changed: it is the learner's.
func (s Spec) slowed(vals Values) Values {
	i := vals[SlowMotion]
	if i <= 0 || i >= int64(len(slowmoFactors)) {
		return vals // off, or not a choice (Parse never gives one)
	}
	f := slowmoFactors[i]
	out := maps.Clone(vals)
	for _, p := range s.Params {
		if v, ok := vals[p.Name]; ok && scaled(p) {
			out[p.Name] = saturatingMul(v, f)
		}
	}
	return out
}

// saturatingMul is v×f for f > 0, held within int64: Parse bounds every
// knob far below the limit, but Exec may be given any Values.
func saturatingMul(v, f int64) int64 {
	switch {
	case v > math.MaxInt64/f:
		return math.MaxInt64
	case v < math.MinInt64/f:
		return math.MinInt64
	}
	return v * f
}
