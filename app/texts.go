package app

import (
	"fmt"

	"chanlab/i18n"
)

// tr is the UI text en in language l. The UI is written in English, and
// korean holds each text's Korean under the English itself: a call site
// reads as the English it shows, and changing a text without its
// translation fails TestUITextsKorean, which finds every tr and trf call
// in the package's source and checks that its text is in the table, and
// that no English reaches the page without passing through tr.
func tr(l i18n.Lang, en string) string {
	if l != i18n.Ko {
		return en // no lookup: panels render every frame
	}
	if ko, ok := korean[en]; ok {
		return ko
	}
	return en
}

// trf is tr of a format, filled with args. A Korean format may take the
// arguments in another order, with explicit indexes (%[2]s).
func trf(l i18n.Lang, en string, args ...any) string {
	return fmt.Sprintf(tr(l, en), args...)
}

// wordIn is w in language l when it is one of the words the code writes as
// values (a knob's off and on, a comparison's same and new), else w as it
// is: a number, a delta, a name, or a choice as a URL writes it
// (queue=polling).
func wordIn(l i18n.Lang, w string) string {
	switch w {
	case "off":
		return tr(l, "off")
	case "on":
		return tr(l, "on")
	case "same":
		return tr(l, "same")
	case "new":
		return tr(l, "new")
	}
	return w
}

// korean is the Korean of every UI text, by its English. The terms are
// those Korean Go developers use (고루틴, 채널, 버퍼, 큐, 락); put, get,
// join, range and the like stay as code.
var korean = map[string]string{
	// The page.
	"see concurrency: Python's classic patterns, live in Go":                                                                           "동시성을 눈으로: 파이썬의 고전 패턴을 Go로 실시간 실행",
	"chanlab runs each pattern's real goroutines in your browser (Go compiled to WebAssembly). Every number is measured from the run.": "chanlab은 각 패턴의 진짜 고루틴을 브라우저에서 실행합니다(WebAssembly로 컴파일한 Go). 모든 수치는 실행에서 측정한 값입니다.",
	"Language":          "언어",
	"Open in chanlab ↗": "chanlab에서 열기 ↗",
	"In Python: ":       "파이썬에서는: ",
	"Some values in the link could not be used:":       "링크의 일부 값을 쓸 수 없었습니다:",
	"Ignored %q: %s has no such knob.":                 "%[1]q 무시: %[2]s에는 그런 설정값이 없습니다.",
	"lang=%q is not a language chanlab has (en, ko).":  "chanlab에 없는 언어입니다: lang=%q (en, ko 중 하나)",
	"A run is going on: stop it before setting knobs.": "실행 중입니다. 설정값을 바꾸기 전에 중지하세요.",
	"Run":                   "실행",
	"Stop":                  "중지",
	"Running…":              "실행 중…",
	"Ready.":                "준비됨.",
	"Finished in %s.":       "%s 만에 끝났습니다.",
	"Stopped after %s: %s.": "%s 뒤에 멈췄습니다: %s.",
	"Stopped after %s.":     "%s 뒤에 멈췄습니다.",
	"Failed: %s":            "실패: %s",
	"the runner did not start (Run tries again)":                          "실행기(runner)가 시작되지 않았습니다(다시 실행하면 다시 시도합니다)",
	"the runner is gone":                                                  "실행기(runner)가 사라졌습니다",
	"What the Go runtime said":                                            "Go 런타임이 남긴 말",
	"chanlab stopped working because of a bug. Reload the page to go on.": "chanlab이 버그 때문에 멈췄습니다. 계속하려면 페이지를 새로 고치세요.",

	// Knobs and the picker.
	"off":     "끔",
	"on":      "켬",
	"Knobs":   "설정값",
	"Pattern": "패턴",
	"Choose with the arrow keys, then press Enter to open it.": "화살표 키로 고른 뒤 Enter를 눌러 여세요.",

	// Share and embed.
	"Copy link": "링크 복사",
	"A link to this pattern with these knobs": "이 설정값 그대로 이 패턴을 여는 링크",
	"Link copied.":           "링크를 복사했습니다.",
	"Link to this view":      "이 화면의 링크",
	"Embed in a course page": "강의 페이지에 임베드",
	"Paste this where the course page should show the pattern. The embed keeps these knobs; the page can also set them, run and stop through the embed's message API (see the README).": "강의 페이지에서 패턴을 보여 줄 자리에 붙여 넣으세요. 임베드는 이 설정값을 유지하며, 강의 페이지는 임베드의 메시지 API로 설정값을 바꾸고 실행하고 중지할 수도 있습니다(README 참고).",
	"The iframe to paste": "붙여 넣을 iframe",
	"Copy the iframe":     "iframe 복사",
	"Iframe copied.":      "iframe을 복사했습니다.",
	"The browser did not let chanlab copy (%s): select the text below and copy it.": "브라우저가 복사를 허용하지 않았습니다(%s). 아래 텍스트를 선택해서 복사하세요.",

	// The code.
	"The code":              "코드",
	"In Python you wrote: ": "파이썬에서는 이렇게 썼습니다: ",
	"In Go we write: ":      "Go에서는 이렇게 씁니다: ",
	"The Go code that runs": "실행되는 Go 코드",
	"Go source of %s":       "%s의 Go 소스",

	// The panels.
	"Set the knobs and press Run: the goroutines' lanes, the queues, the log and the timings appear here as the pattern runs.": "설정값을 정하고 실행을 누르세요. 패턴이 실행되는 동안 고루틴 레인, 큐, 로그, 시간 측정이 여기에 나타납니다.",
	"Result":     "결과",
	"Rewind":     "되감기",
	"%s of %s":   "%[2]s 중 %[1]s",
	"To the end": "끝으로",
	"Keep this run, change the knobs, run again: the two are shown side by side.": "이 실행을 보관하고 설정값을 바꿔 다시 실행하면 둘을 나란히 보여 줍니다.",
	"Keep for comparison":                "비교용으로 보관",
	"No result: the run did not return.": "결과 없음: 실행이 반환하지 않았습니다.",
	"Nothing from this run reached the page: there are no lanes, queues, log or timings to show, and nothing to rewind, keep or export.": "이 실행에서는 페이지에 도착한 것이 없습니다. 보여 줄 레인, 큐, 로그, 타이밍이 없고, 되감거나 보관하거나 내보낼 것도 없습니다.",
	"Kept for comparison: change the knobs and run again.":                                                                               "비교용으로 보관했습니다. 설정값을 바꿔 다시 실행하세요.",
	"Stop comparing":   "비교 그만하기",
	"Export:":          "내보내기:",
	"Events (JSON)":    "이벤트(JSON)",
	"Trace (Perfetto)": "트레이스(Perfetto)",
	"Timings (CSV)":    "시간 측정(CSV)",

	// Timings.
	"Timings":                          "시간 측정",
	"Elapsed":                          "경과 시간",
	"Goroutines live / started":        "실행 중 / 시작한 고루틴",
	"Time blocked on queues and locks": "큐와 락에서 블록된 시간",
	"Puts, all queues":                 "put 횟수(모든 큐)",
	"Gets, all queues":                 "get 횟수(모든 큐)",
	"Gets/s, all queues":               "초당 get(모든 큐)",
	"Items put":                        "put한 항목",
	"Items got":                        "get한 항목",
	"Items/s":                          "초당 항목",
	"Longest put wait":                 "가장 긴 put 대기",
	"Stages: goroutines by role":       "단계: 역할별 고루틴",
	"Stage":                            "단계",
	"Goroutines":                       "고루틴",
	"Put/s":                            "초당 put",
	"Got/s":                            "초당 get",
	"Busy":                             "바쁜 비율",
	"Time an item spent queued, from its put to its get": "항목이 큐에 머문 시간(put부터 get까지)",
	"Queue": "큐",
	"max":   "최대",

	// Compare.
	"Compare":             "비교",
	"A (kept)":            "A(보관한 실행)",
	"B (this run)":        "B(이번 실행)",
	"B against A":         "A와 비교한 B",
	"Figure":              "수치",
	"B vs A":              "A 대비 B",
	"default knobs":       "기본 설정값",
	"same":                "같음",
	"new":                 "새로 생김",
	"%s: items/s":         "%s: 초당 항목",
	"%s: time queued p50": "%s: 큐 대기 시간 p50",
	"%s: time queued p95": "%s: 큐 대기 시간 p95",
	"%s: full for":        "%s: 가득 찬 시간",
	"%s: busy":            "%s: 바쁜 비율",

	// Goroutines and their states.
	"Goroutine":                     "고루틴",
	"State":                         "상태",
	"For":                           "지속 시간",
	"running":                       "실행 중",
	"runnable":                      "실행 대기",
	"blocked on put":                "put에서 블록됨",
	"blocked on get":                "get에서 블록됨",
	"sleeping":                      "잠자는 중",
	"waiting for lock":              "락 대기 중",
	"waiting":                       "대기 중",
	"done":                          "끝남",
	"unknown":                       "알 수 없음",
	"not started":                   "시작 전",
	"%s for %s":                     "%s, %s 동안",
	"Goroutine lanes":               "고루틴 레인",
	"States":                        "상태",
	"busy":                          "바쁜 비율",
	"%d more goroutines not drawn.": "고루틴 %d개는 그리지 않았습니다.",
	"Runnable: ready to run, while another goroutine or the Web Worker's event loop has its only thread.": "실행 대기: 다른 고루틴이나 Web Worker의 이벤트 루프가 하나뿐인 스레드를 쓰는 동안 실행할 준비가 된 상태입니다.",
	"Point at a lane, or focus it and use the arrow keys, to read what the goroutine was doing.":          "레인을 가리키거나, 레인에 포커스를 두고 화살표 키를 쓰면 그 고루틴이 무엇을 하고 있었는지 읽을 수 있습니다.",
	"%s at %s: %s":     "%[1]s, %[2]s 시점: %[3]s",
	"Lanes as a table": "레인을 표로 보기",

	// Queues.
	"Queues":                        "큐",
	"This run recorded no queue.":   "이 실행에는 기록된 큐가 없습니다.",
	"now":                           "현재",
	"%d/%d %s":                      "%[3]s %[1]d/%[2]d",
	"%s %s":                         "%[2]s %[1]s",
	"1 item":                        "1개",
	"%d items":                      "%d개",
	"then":                          "그때",
	"peak %d/%d":                    "최고 %d/%d",
	"%d waiting to put · %d to get": "put 대기 %d · get 대기 %d",
	"%s length over time: peak %d of capacity %d": "시간에 따른 %[1]s 길이: 용량 %[3]d 중 최고 %[2]d",
	"Full for": "가득 찬 시간",

	"%+.0f pts": "%+.0f포인트",
	"These figures are the whole run's; the lanes, queues and log show the cursor's instant.": "이 수치들은 실행 전체의 것입니다. 레인, 큐, 로그는 커서가 가리키는 순간을 보여 줍니다.",
	"The figures below are the whole run's.":                                                  "아래 수치는 실행 전체의 것입니다.",
	"Empty for":                                                                               "비어 있던 시간",
	"Time queued p50":                                                                         "큐 대기 시간 p50",
	"Length over the run, the highest in each interval; the dashed line is the capacity. Time queued is from an item's put to its get.": "실행 동안의 길이로, 구간마다 가장 큰 값입니다. 점선은 용량입니다. 큐 대기 시간은 항목의 put부터 get까지입니다.",
	"%s as a table":                 "%s 표로 보기",
	"Length (peak in the interval)": "길이(구간 내 최고)",
	"From":                          "시작",
	"To":                            "끝",
	"At the end":                    "구간 끝 값",
	"items":                         "개",
	"bytes":                         "바이트",
	"peak %s":                       "최고 %s",
	"%s over time: peak %s":         "시간에 따른 %s: 최고 %s",
	"%s (peak in the interval)":     "%s(구간 내 최고)",
	"Measured over the run; no capacity: it can grow without bound.": "실행 동안 측정했습니다. 용량이 없어서 끝없이 늘어날 수 있습니다.",
	"Stages and the queues between them":                             "단계와 그 사이의 큐",

	// The log.
	"Log":              "로그",
	"%s lines":         "%s줄",
	"all":              "전체",
	"Text":             "텍스트",
	"%s matching":      "%s줄 일치",
	"Pause autoscroll": "자동 스크롤 멈춤",
	"Run log: arrow keys, Page Up and Page Down scroll, End follows": "실행 로그: 화살표 키, Page Up, Page Down으로 스크롤하고 End로 최신 줄을 따라갑니다",
	"Log position":                  "로그 위치",
	"empty":                         "비어 있음",
	"lines %s to %s of %s":          "전체 %[3]s줄 중 %[1]s–%[2]s줄",
	"matching lines %s to %s of %s": "일치하는 %[3]s줄 중 %[1]s–%[2]s줄",
	"1 line":                        "1줄",
	"The time cursor is before the oldest line kept, at %s: that instant's lines are among those summarised.": "시간 커서가 보관된 가장 오래된 줄(%s)보다 앞에 있습니다. 그 시점의 줄은 요약된 줄에 들어 있습니다.",
	" The recorder's buffer overflowed and skipped %s events.":                                                " 기록기의 버퍼가 넘쳐서 이벤트 %s개를 건너뛰었습니다.",

	// The not-found page.
	"No such page · chanlab":                                "없는 페이지 · chanlab",
	"No such page":                                          "없는 페이지",
	"chanlab has no page at this address.":                  "이 주소에는 chanlab 페이지가 없습니다.",
	"chanlab has no page at %s.":                            "%s에는 chanlab 페이지가 없습니다.",
	"Each pattern below has its page, and its embed at %s:": "아래 패턴마다 페이지가 있고, 임베드 주소는 %s입니다:",
	"Patterns": "패턴",

	// Themes.
	"Theme": "테마",
	"Auto":  "자동",
	"Light": "밝게",
	"Dark":  "어둡게",
	"Ignored theme %q: the theme is light or dark; without one, chanlab follows the system's.": "테마 %q는 무시했습니다: 테마는 light 또는 dark이고, 지정하지 않으면 chanlab은 시스템 설정을 따릅니다.",

	// A new version.
	"A new version of chanlab is ready.": "chanlab의 새 버전이 준비되었습니다.",
	"Reload":                             "새로고침",
}
