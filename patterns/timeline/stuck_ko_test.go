package timeline

import "testing"

// TestDeadlockErrorKorean: the Korean report names the same goroutines,
// queues and operations as the English one, and who is missing.
func TestDeadlockErrorKorean(t *testing.T) {
	e := &DeadlockError{
		Waiting: []Goroutine{
			{Name: "consumer-0", State: BlockedGet, Queue: 0},
			{Name: "producer-0", State: BlockedPut, Queue: 1},
			{Name: "worker", State: WaitingLock, Queue: -1, On: "mu"},
		},
		Queues: []QueueInfo{{Name: "jobs"}, {Name: "results"}},
	}
	const wantEn = "deadlock: consumer-0 waits on get(jobs) with no producer; producer-0 waits on put(results) with no consumer; worker waits for the lock mu"
	const wantKo = "교착 상태: consumer-0 — get(jobs)에서 대기, 생산자 없음; producer-0 — put(results)에서 대기, 소비자 없음; worker — 락 mu 대기"
	if got := e.Error(); got != wantEn {
		t.Errorf("Error() = %q\nwant %q", got, wantEn)
	}
	if got := e.Korean(); got != wantKo {
		t.Errorf("Korean() = %q\nwant %q", got, wantKo)
	}
}
