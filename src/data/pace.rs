//! How the load's steps share tasks (pure, issue 14, H30): a step starts a
//! new task only once the current one has run for its budget. Small pieces
//! (reading a 70 KB saved copy, decoding, validating and indexing it) then
//! share one task instead of one task each, with a frame of the whole page
//! in between (each ~20–70 ms at 4x CPU on a phone, on a repeat visit the
//! snapshot's and the app's); a 4 MB copy is still cut in tasks of about
//! the budget.

use std::cell::Cell;

/// The clock (ms) and the start of the current task.
pub struct Pacer<C: Fn() -> f64> {
    clock: C,
    started: Cell<f64>,
}

impl<C: Fn() -> f64> Pacer<C> {
    /// A pacer whose current task starts now.
    pub fn new(clock: C) -> Self {
        let started = Cell::new(clock());
        Self { clock, started }
    }

    /// How long the current task has run, in ms.
    pub fn elapsed(&self) -> f64 {
        (self.clock)() - self.started.get()
    }

    /// Whether the current task has run for `budget_ms` or more: the next
    /// step should begin a new task (then call [`Pacer::restart`]).
    pub fn due(&self, budget_ms: f64) -> bool {
        self.elapsed() >= budget_ms
    }

    /// A new task has begun.
    pub fn restart(&self) {
        self.started.set((self.clock)());
    }
}

#[cfg(test)]
mod tests {
    use super::Pacer;
    use std::cell::Cell;
    use std::rc::Rc;

    /// Runs steps of the given costs (ms) with a fake clock, pausing before
    /// each step after the first as the load does; returns the steps of each
    /// task.
    fn tasks(costs: &[f64], budget: f64) -> Vec<Vec<usize>> {
        let now = Rc::new(Cell::new(0.0));
        let clock = {
            let now = now.clone();
            move || now.get()
        };
        let pacer = Pacer::new(clock);
        let mut out: Vec<Vec<usize>> = vec![Vec::new()];
        for (i, cost) in costs.iter().enumerate() {
            if i > 0 && pacer.due(budget) {
                // A new task: the browser runs other tasks (a frame) meanwhile.
                now.set(now.get() + 16.0);
                pacer.restart();
                out.push(Vec::new());
            }
            now.set(now.get() + cost);
            out.last_mut().unwrap().push(i);
        }
        out
    }

    #[test]
    fn small_steps_share_a_task() {
        // The shipped dataset from a saved copy, at 4x CPU: read, entry,
        // decode, validate, index: one task instead of five.
        assert_eq!(
            tasks(&[3.0, 8.0, 12.0, 9.0, 4.0], 40.0),
            vec![vec![0, 1, 2, 3, 4]]
        );
    }

    #[test]
    fn a_long_run_is_cut_at_the_budget() {
        let costs = [15.0; 10];
        let t = tasks(&costs, 40.0);
        // 15 + 15 + 15 = 45 >= 40: three steps per task.
        assert_eq!(
            t,
            vec![vec![0, 1, 2], vec![3, 4, 5], vec![6, 7, 8], vec![9]]
        );
        // No task runs longer than the budget plus one step.
        for task in &t {
            let ms: f64 = task.iter().map(|&i| costs[i]).sum();
            assert!(ms < 40.0 + 15.0, "{ms}");
        }
    }

    #[test]
    fn a_step_over_the_budget_is_alone() {
        assert_eq!(
            tasks(&[120.0, 5.0, 120.0, 5.0], 40.0),
            vec![vec![0], vec![1, 2], vec![3]]
        );
    }

    #[test]
    fn elapsed_counts_from_the_last_restart() {
        let now = Rc::new(Cell::new(100.0));
        let pacer = Pacer::new({
            let now = now.clone();
            move || now.get()
        });
        now.set(130.0);
        assert_eq!(pacer.elapsed(), 30.0);
        assert!(pacer.due(30.0) && !pacer.due(31.0));
        pacer.restart();
        now.set(135.0);
        assert_eq!(pacer.elapsed(), 5.0);
    }
}
