//! Running independent jobs on the machine's cores.
//!
//! The targets are independent functions of the model, and so are the file
//! writes of a plan: `map` runs such jobs on scoped threads (one per core,
//! at most one per job) and returns their results in input order, so the
//! output never depends on which thread finished first. Jobs are handed out
//! largest first (by the caller's cost estimate), which keeps one long job
//! from starting last.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};

/// How many threads `map` uses at most: the available parallelism (asked
/// once: on Linux it reads the cgroup files).
pub fn threads() -> usize {
    static THREADS: OnceLock<usize> = OnceLock::new();
    *THREADS.get_or_init(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}

/// `f` applied to every item, results in the items' order. `cost` orders
/// the hand-out (largest first); it does not change the result.
pub fn map<T, R, F>(items: &[T], cost: impl Fn(&T) -> usize, f: F) -> Vec<R>
where
    T: Sync,
    R: Send,
    F: Fn(&T) -> R + Sync,
{
    let workers = threads().min(items.len());
    if workers <= 1 {
        return items.iter().map(f).collect();
    }
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(cost(&items[i])));
    let next = AtomicUsize::new(0);
    let slots: Vec<Mutex<Option<R>>> = items.iter().map(|_| Mutex::new(None)).collect();
    let work = || {
        while let Some(&i) = order.get(next.fetch_add(1, Ordering::Relaxed)) {
            let result = f(&items[i]);
            *slots[i].lock().unwrap_or_else(|e| e.into_inner()) = Some(result);
        }
    };
    std::thread::scope(|s| {
        for _ in 1..workers {
            s.spawn(work);
        }
        work();
    });
    slots.into_iter().map(|slot| slot.into_inner().unwrap_or_else(|e| e.into_inner()).expect("every job ran")).collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn results_keep_input_order_whatever_the_cost() {
        let items: Vec<usize> = (0..100).collect();
        let out = super::map(&items, |&i| i % 7, |&i| i * 2);
        assert_eq!(out, items.iter().map(|i| i * 2).collect::<Vec<_>>());
    }

    #[test]
    fn empty_and_single() {
        assert!(super::map(&[] as &[u8], |_| 0, |&b| b).is_empty());
        assert_eq!(super::map(&[3u8], |_| 0, |&b| b + 1), [4]);
    }
}
