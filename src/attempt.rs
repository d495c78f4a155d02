//! Where a request a person asked for stands, one type for every dialog and form: ready (at first,
//! or again after a failure, with what failed), in flight, or done with what it gave. A second
//! click while one is in flight starts nothing ([`Attempt::start`]), and a form keeps what was
//! typed beside the failure, so that a failure never loses it.

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Attempt<T, E> {
    /// Not sent yet, or sent and failed with this.
    Ready(Option<E>),
    InFlight,
    Done(T),
}

impl<T, E> Default for Attempt<T, E> {
    fn default() -> Self {
        Attempt::Ready(None)
    }
}

impl<T, E> Attempt<T, E> {
    /// Goes in flight if it is ready; false (and nothing changes) while in flight or once done.
    pub fn start(&mut self) -> bool {
        let ready = matches!(self, Attempt::Ready(_));
        if ready {
            *self = Attempt::InFlight;
        }
        ready
    }

    pub fn is_ready(&self) -> bool {
        matches!(self, Attempt::Ready(_))
    }

    pub fn in_flight(&self) -> bool {
        matches!(self, Attempt::InFlight)
    }

    /// What the last try failed with, while ready to try again.
    pub fn failure(&self) -> Option<&E> {
        match self {
            Attempt::Ready(failure) => failure.as_ref(),
            _ => None,
        }
    }

    pub fn done(&self) -> Option<&T> {
        match self {
            Attempt::Done(outcome) => Some(outcome),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_try_at_a_time_and_none_once_done() {
        let mut attempt = Attempt::<u8, &str>::default();
        assert!(attempt.is_ready() && !attempt.in_flight());
        assert_eq!((attempt.failure(), attempt.done()), (None, None));
        assert!(attempt.start());
        assert!(attempt.in_flight() && !attempt.is_ready());
        assert!(
            !attempt.start(),
            "a second click while in flight starts nothing"
        );
        attempt = Attempt::Ready(Some("refused"));
        assert_eq!(attempt.failure(), Some(&"refused"));
        assert!(attempt.start(), "ready again after a failure");
        assert_eq!(attempt.failure(), None);
        attempt = Attempt::Done(7);
        assert_eq!(attempt.done(), Some(&7));
        assert!(!attempt.start(), "nothing once done");
        assert!(!attempt.is_ready());
        assert_eq!(attempt.failure(), None);
    }
}
