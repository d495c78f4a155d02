//! The stand-in's mutable state, shared by the API and the control API behind one lock.

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use crate::config::Config;
use crate::faults::{Faults, Latency};
use crate::rate_limit::{RateLimitSettings, RateLimiter};
use crate::request_log::RequestLog;
use crate::seed;
use crate::store::Store;

pub(crate) struct Shared {
    pub(crate) store: Store,
    pub(crate) faults: Faults,
    pub(crate) latency: Latency,
    pub(crate) requests: RequestLog,
    pub(crate) rate_limiter: RateLimiter,
}

impl Shared {
    fn fresh(seed_webhooks: usize, rate_limit: RateLimitSettings) -> Self {
        Self {
            store: Store::with_records(seed::demo_webhooks(seed_webhooks)),
            faults: Faults::default(),
            latency: Latency::default(),
            requests: RequestLog::default(),
            rate_limiter: RateLimiter::new(rate_limit),
        }
    }

    /// Fresh demo data, no faults or latency, an empty request log and zeroed rate-limit
    /// counts; the rate-limit settings are kept.
    pub(crate) fn reset(&mut self, seed_webhooks: usize) {
        *self = Self::fresh(seed_webhooks, self.rate_limiter.settings());
    }
}

#[derive(Clone)]
pub(crate) struct AppState {
    pub(crate) config: Arc<Config>,
    shared: Arc<Mutex<Shared>>,
}

impl AppState {
    pub(crate) fn new(config: Config) -> Self {
        let shared = Shared::fresh(config.seed_webhooks, config.rate_limit);
        Self {
            config: Arc::new(config),
            shared: Arc::new(Mutex::new(shared)),
        }
    }

    pub(crate) fn lock(&self) -> MutexGuard<'_, Shared> {
        // A panic while holding the lock cannot leave the plain data half-updated in a way
        // that matters to a test double, so carry on with it.
        self.shared.lock().unwrap_or_else(PoisonError::into_inner)
    }
}
