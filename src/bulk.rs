//! A bulk rotation without a browser: which webhook comes next, what happened to each, the summary
//! line, and which to try again. Each webhook's rotation is attempted at most once per run, whatever
//! fails: the runner asks [`BulkRun::next`] for work and records each answer; only a 429 (Ada did
//! not perform the request) may be sent again, and that is the runner's wait, not a new attempt.
//! Generic over the secret `S` the runner fetched, so that the plaintext lives with whoever shows it.

use crate::api::paths::WebhookId;
use crate::api::ApiError;
use crate::i18n::{fill, number};

/// What happened to one webhook in a run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome<S> {
    /// Not reached yet (or never, once the run stopped).
    Waiting,
    Rotating,
    /// Rotated; fetching the new secret.
    Fetching,
    /// Rotated, and here is the new secret.
    Rotated(S),
    /// Rotated; the host does not let this widget fetch secrets.
    RotatedUnseen,
    /// Rotated, but fetching the new secret failed: a retry only fetches.
    SecretNotFetched(ApiError),
    /// The rotation failed; when [`ApiError::outcome_unknown`], it may have happened anyway.
    Failed(ApiError),
}

impl<S> Outcome<S> {
    pub fn is_rotated(&self) -> bool {
        matches!(
            self,
            Outcome::Fetching
                | Outcome::Rotated(_)
                | Outcome::RotatedUnseen
                | Outcome::SecretNotFetched(_)
        )
    }
}

/// One webhook of a run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item<S> {
    pub id: WebhookId,
    pub url: String,
    pub description: String,
    pub outcome: Outcome<S>,
    /// When Ada answered the rotation (ISO 8601), once it did.
    pub rotated_at: Option<String>,
}

/// The next thing the runner should do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    Rotate(usize),
    Fetch(usize),
    Done,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BulkRun<S> {
    items: Vec<Item<S>>,
    stopping: bool,
    fetch_secrets: bool,
}

impl<S> BulkRun<S> {
    pub fn new(webhooks: impl IntoIterator<Item = (WebhookId, String, String)>) -> BulkRun<S> {
        let items = webhooks
            .into_iter()
            .map(|(id, url, description)| Item {
                id,
                url,
                description,
                outcome: Outcome::Waiting,
                rotated_at: None,
            })
            .collect();
        BulkRun {
            items,
            stopping: false,
            fetch_secrets: true,
        }
    }

    /// A run that rotates only: no get-secret request is sent (the host switched reveal off).
    pub fn without_secrets(mut self) -> BulkRun<S> {
        self.fetch_secrets = false;
        self
    }

    pub fn items(&self) -> &[Item<S>] {
        &self.items
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// What to do now: fetch the secret of the webhook just rotated, else rotate the next waiting
    /// one, else (or once stopping) nothing.
    pub fn next(&self) -> Step {
        if let Some(index) = self.position(|outcome| matches!(outcome, Outcome::Fetching)) {
            return Step::Fetch(index);
        }
        if self.stopping {
            return Step::Done;
        }
        match self.position(|outcome| matches!(outcome, Outcome::Waiting)) {
            Some(index) => Step::Rotate(index),
            None => Step::Done,
        }
    }

    fn position(&self, wanted: impl Fn(&Outcome<S>) -> bool) -> Option<usize> {
        self.items.iter().position(|item| wanted(&item.outcome))
    }

    /// The runner sent `index`'s rotation (or its fetch): the item shows it in flight. A rotation is
    /// only ever started for a waiting item, so that none is rotated twice.
    pub fn start(&mut self, step: Step) -> bool {
        match step {
            Step::Rotate(index) if matches!(self.items[index].outcome, Outcome::Waiting) => {
                self.items[index].outcome = Outcome::Rotating;
                true
            }
            Step::Fetch(index) => matches!(self.items[index].outcome, Outcome::Fetching),
            _ => false,
        }
    }

    pub fn rotated(&mut self, index: usize, at: String) {
        self.items[index].outcome = if self.fetch_secrets {
            Outcome::Fetching
        } else {
            Outcome::RotatedUnseen
        };
        self.items[index].rotated_at = Some(at);
    }

    /// A rotation the runner started but did not send (Stop came first, while it waited): the
    /// webhook waits again, so the outcome says it was not rotated.
    pub fn not_sent(&mut self, index: usize) {
        if matches!(self.items[index].outcome, Outcome::Rotating) {
            self.items[index].outcome = Outcome::Waiting;
        }
    }

    pub fn rotation_failed(&mut self, index: usize, error: ApiError) {
        self.items[index].outcome = Outcome::Failed(error);
    }

    pub fn fetched(&mut self, index: usize, secret: S) {
        self.items[index].outcome = Outcome::Rotated(secret);
    }

    pub fn fetch_failed(&mut self, index: usize, error: ApiError) {
        self.items[index].outcome = Outcome::SecretNotFetched(error);
    }

    /// After a "Fetch the secret" click on an item whose fetch failed: fetch again (never rotate).
    pub fn refetch(&mut self, index: usize) -> bool {
        let again = matches!(self.items[index].outcome, Outcome::SecretNotFetched(_));
        if again {
            self.items[index].outcome = Outcome::Fetching;
        }
        again
    }

    /// Stop: the request in flight finishes (and a rotated webhook still gets its secret), no
    /// other rotation starts.
    pub fn stop(&mut self) {
        self.stopping = true;
    }

    pub fn is_stopping(&self) -> bool {
        self.stopping
    }

    /// True while a request is in flight or a webhook is still to be rotated.
    pub fn is_running(&self) -> bool {
        self.next() != Step::Done
            || self
                .items
                .iter()
                .any(|item| matches!(item.outcome, Outcome::Rotating))
    }

    /// How many webhooks are past their rotation (whatever its answer), for "k of N".
    pub fn done(&self) -> usize {
        self.items
            .iter()
            .filter(|item| !matches!(item.outcome, Outcome::Waiting | Outcome::Rotating))
            .count()
    }

    pub fn rotated_count(&self) -> usize {
        self.items
            .iter()
            .filter(|item| item.outcome.is_rotated())
            .count()
    }

    pub fn failed(&self) -> impl Iterator<Item = &Item<S>> {
        self.items
            .iter()
            .filter(|item| matches!(item.outcome, Outcome::Failed(_)))
    }

    /// `3 of 4 rotated, 1 failed`, with those a stop left out: `2 of 4 rotated, 2 not rotated
    /// (stopped)`.
    pub fn summary(&self) -> String {
        let failed = self.failed().count();
        let not_started = self
            .items
            .iter()
            .filter(|item| matches!(item.outcome, Outcome::Waiting))
            .count();
        let (rotated, total) = (number(self.rotated_count()), number(self.len()));
        match (failed, not_started) {
            (0, 0) => fill("{0} of {1} rotated", &[&rotated, &total]),
            (_, 0) => fill(
                "{0} of {1} rotated, {2} failed",
                &[&rotated, &total, &number(failed)],
            ),
            (0, _) => fill(
                "{0} of {1} rotated, {2} not rotated (stopped)",
                &[&rotated, &total, &number(not_started)],
            ),
            _ => fill(
                "{0} of {1} rotated, {2} failed, {3} not rotated (stopped)",
                &[&rotated, &total, &number(failed), &number(not_started)],
            ),
        }
    }

    /// "Retry failed (N)": the failed webhooks wait for another attempt, and only they; what was
    /// rotated stays as it is. Returns how many will be tried again.
    pub fn retry_failed(&mut self) -> usize {
        self.stopping = false;
        let mut again = 0;
        for item in &mut self.items {
            if matches!(item.outcome, Outcome::Failed(_)) {
                item.outcome = Outcome::Waiting;
                again += 1;
            }
        }
        again
    }

    /// True when a failed rotation may have happened all the same (a dropped connection, a 5xx),
    /// so that "Retry failed" must say so first.
    pub fn a_failure_may_have_rotated(&self) -> bool {
        self.items
            .iter()
            .any(|item| matches!(&item.outcome, Outcome::Failed(error) if error.outcome_unknown()))
    }

    /// The URLs rotated so far and those not, for a run the session ended in the middle of.
    pub fn rotated_and_not(&self) -> (Vec<String>, Vec<String>) {
        self.items
            .iter()
            .map(|item| (item.outcome.is_rotated(), item.url.clone()))
            .fold(
                (Vec::new(), Vec::new()),
                |(mut yes, mut no), (rotated, url)| {
                    if rotated {
                        yes.push(url);
                    } else {
                        no.push(url);
                    }
                    (yes, no)
                },
            )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(count: usize) -> BulkRun<String> {
        BulkRun::new((0..count).map(|n| {
            (
                WebhookId::parse(&format!("ep_{n}")).unwrap(),
                format!("https://hooks.example/{n}"),
                String::new(),
            )
        }))
    }

    fn server_error() -> ApiError {
        ApiError::from_status(500, "", None)
    }

    /// Drives a run as the runner does, answering each step with `answer`.
    fn drive(
        run: &mut BulkRun<String>,
        answer: impl Fn(Step) -> Result<(), ApiError>,
    ) -> Vec<Step> {
        let mut steps = Vec::new();
        loop {
            let step = run.next();
            if step == Step::Done {
                return steps;
            }
            assert!(run.start(step), "{step:?} starts");
            steps.push(step);
            assert!(steps.len() <= 100, "the run ends: {steps:?}");
            match (step, answer(step)) {
                (Step::Rotate(index), Ok(())) => {
                    run.rotated(index, "2026-12-01T10:00:00.000Z".into())
                }
                (Step::Rotate(index), Err(error)) => run.rotation_failed(index, error),
                (Step::Fetch(index), Ok(())) => run.fetched(index, format!("whsec_{index}")),
                (Step::Fetch(index), Err(error)) => run.fetch_failed(index, error),
                (Step::Done, _) => unreachable!(),
            }
        }
    }

    #[test]
    fn each_webhook_is_rotated_then_its_secret_fetched_one_after_another() {
        let mut run = run(2);
        let steps = drive(&mut run, |_| Ok(()));
        assert_eq!(
            steps,
            [
                Step::Rotate(0),
                Step::Fetch(0),
                Step::Rotate(1),
                Step::Fetch(1)
            ]
        );
        assert_eq!(run.summary(), "2 of 2 rotated");
        assert_eq!(run.done(), 2);
        assert!(!run.is_running());
        let secrets: Vec<_> = run
            .items()
            .iter()
            .map(|item| item.outcome.clone())
            .collect();
        assert_eq!(
            secrets,
            [
                Outcome::Rotated("whsec_0".to_string()),
                Outcome::Rotated("whsec_1".to_string())
            ]
        );
    }

    #[test]
    fn without_secrets_a_run_only_rotates() {
        let mut run = run(2).without_secrets();
        let steps = drive(&mut run, |_| Ok(()));
        assert_eq!(steps, [Step::Rotate(0), Step::Rotate(1)]);
        assert!(run
            .items()
            .iter()
            .all(|item| item.outcome == Outcome::RotatedUnseen));
        assert_eq!(run.summary(), "2 of 2 rotated");
    }

    #[test]
    fn a_failure_is_recorded_and_the_run_carries_on_without_rotating_it_again() {
        let mut run = run(4);
        let steps = drive(&mut run, |step| match step {
            Step::Rotate(2) => Err(server_error()),
            _ => Ok(()),
        });
        assert_eq!(
            steps
                .iter()
                .filter(|step| **step == Step::Rotate(2))
                .count(),
            1
        );
        assert_eq!(run.summary(), "3 of 4 rotated, 1 failed");
        assert!(run.a_failure_may_have_rotated());
        assert_eq!(run.retry_failed(), 1);
        let steps = drive(&mut run, |_| Ok(()));
        assert_eq!(
            steps,
            [Step::Rotate(2), Step::Fetch(2)],
            "only the failed one again"
        );
        assert_eq!(run.summary(), "4 of 4 rotated");
    }

    #[test]
    fn a_failed_fetch_counts_as_rotated_and_is_fetched_again_only() {
        let mut run = run(1);
        drive(&mut run, |step| match step {
            Step::Fetch(_) => Err(server_error()),
            _ => Ok(()),
        });
        assert!(matches!(
            run.items()[0].outcome,
            Outcome::SecretNotFetched(_)
        ));
        assert_eq!(run.summary(), "1 of 1 rotated");
        assert!(run.refetch(0));
        assert_eq!(run.next(), Step::Fetch(0));
        assert!(!run.start(Step::Rotate(0)), "never rotated again");
        run.fetched(0, "whsec_again".into());
        assert_eq!(
            run.items()[0].outcome,
            Outcome::Rotated("whsec_again".into())
        );
        assert!(!run.refetch(0), "nothing to fetch once fetched");
    }

    #[test]
    fn stop_finishes_the_one_in_flight_and_starts_no_other() {
        let mut run = run(3);
        let step = run.next();
        run.start(step);
        run.stop();
        run.rotated(0, "2026-12-01T10:00:00.000Z".into());
        assert_eq!(
            run.next(),
            Step::Fetch(0),
            "the rotated one still gets its secret"
        );
        run.start(Step::Fetch(0));
        run.fetched(0, "whsec_0".into());
        assert_eq!(run.next(), Step::Done);
        assert_eq!(run.summary(), "1 of 3 rotated, 2 not rotated (stopped)");
        let (rotated, not) = run.rotated_and_not();
        assert_eq!(rotated, ["https://hooks.example/0"]);
        assert_eq!(not.len(), 2);
    }

    #[test]
    fn a_rotation_stop_kept_from_being_sent_is_not_started() {
        let mut run = run(3);
        assert!(run.is_running() && !run.is_stopping() && !run.is_empty());
        assert!(run.start(Step::Rotate(0)));
        // Stop while the runner waits (for the pace, or out a 429) before sending it.
        run.stop();
        assert!(run.is_stopping());
        run.not_sent(0);
        assert_eq!(run.items()[0].outcome, Outcome::Waiting);
        assert_eq!(run.next(), Step::Done, "nothing more is sent");
        assert!(!run.is_running());
        assert_eq!(run.summary(), "0 of 3 rotated, 3 not rotated (stopped)");
        // A rotation Ada answered stays rotated: only one still waiting to be sent goes back.
        let mut run = super::tests::run(1);
        run.start(Step::Rotate(0));
        run.rotated(0, "2026-12-01T10:00:00.000Z".into());
        run.not_sent(0);
        assert!(run.items()[0].outcome.is_rotated());
        assert!(BulkRun::<String>::new(Vec::new()).is_empty());
    }

    #[test]
    fn a_definite_refusal_does_not_warn_of_a_rotation() {
        let mut run = run(1);
        drive(&mut run, |_| Err(ApiError::from_status(404, "", None)));
        assert!(!run.a_failure_may_have_rotated());
        assert_eq!(run.summary(), "0 of 1 rotated, 1 failed");
    }
}
