//! deploy / checkDeployStatus / cancelDeploy / deployRecentValidation, and the job table
//! shared with retrieve. A job moves on by polls (see [`crate::AsyncSteps`]); a deploy's
//! writes happen on the poll that finds it done, all at once.

use std::collections::HashMap;

use metadata::{
    AsyncRequestState, AsyncResult, CancelDeploy, CancelDeployResponse, CancelDeployResult,
    CheckDeployStatus, CheckDeployStatusResponse, Deploy, DeployDetails, DeployRecentValidation,
    DeployRecentValidationResponse, DeployResponse, DeployResult, DeployStatus,
};

use crate::config::AsyncSteps;
use crate::ids::{now_datetime, now_iso, record_id};
use crate::org::Org;
use crate::plan::{Item, Plan, plan};
use crate::retrieve::RetrieveJob;
use crate::soap::SoapFault;
use crate::state::{State, lock};

pub(crate) use crate::retrieve::{check_retrieve, retrieve};

/// Where a job stands after `polls` status checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Phase {
    Pending,
    InProgress,
    Done,
}

pub(crate) fn phase(polls: u32, steps: AsyncSteps) -> Phase {
    if polls <= steps.pending {
        Phase::Pending
    } else if polls <= steps.pending + steps.in_progress {
        Phase::InProgress
    } else {
        Phase::Done
    }
}

#[derive(Debug)]
pub(crate) struct DeployJob {
    id: String,
    created: String,
    check_only: bool,
    ignore_warnings: bool,
    rollback_on_error: bool,
    zip_size: i64,
    polls: u32,
    plan: Plan,
    /// `Some(status)` once finished (Succeeded, SucceededPartial, Failed, Canceled).
    finished: Option<DeployStatus>,
    cancel_requested: bool,
}

#[derive(Debug)]
pub(crate) enum Job {
    Deploy(Box<DeployJob>),
    Retrieve(Box<RetrieveJob>),
}

/// Every job by id.
#[derive(Debug, Default)]
pub(crate) struct Jobs {
    map: HashMap<String, Job>,
    next: u64,
}

impl Jobs {
    pub fn new_id(&mut self, prefix: &str) -> String {
        self.next += 1;
        record_id(prefix, self.next)
    }
    pub fn insert(&mut self, id: String, job: Job) {
        self.map.insert(id, job);
    }
    pub fn get_mut(&mut self, id: &str) -> Option<&mut Job> {
        self.map.get_mut(id)
    }
}

pub(crate) fn unknown_id(id: &str) -> SoapFault {
    SoapFault::sf(
        "INVALID_CROSS_REFERENCE_KEY",
        &format!("invalid cross reference id: {id}"),
    )
}

fn queued(id: String) -> AsyncResult {
    AsyncResult {
        done: false,
        id,
        message: None,
        state: AsyncRequestState::Queued,
        status_code: None,
    }
}

pub(crate) fn deploy(state: &State, r: Deploy) -> Result<DeployResponse, SoapFault> {
    let mut org = lock(&state.org);
    let plan = plan(&org, &r.zip_file);
    let o = &r.deploy_options;
    org.last_deploy_zip = Some(r.zip_file.clone());
    let id = org.jobs.new_id("0Af");
    let job = DeployJob {
        id: id.clone(),
        created: now_iso(),
        check_only: o.check_only,
        ignore_warnings: o.ignore_warnings,
        rollback_on_error: o.rollback_on_error,
        zip_size: r.zip_file.len() as i64,
        polls: 0,
        plan,
        finished: None,
        cancel_requested: false,
    };
    org.jobs.insert(id.clone(), Job::Deploy(Box::new(job)));
    Ok(DeployResponse { result: queued(id) })
}

pub(crate) fn check_deploy(
    state: &State,
    r: CheckDeployStatus,
) -> Result<CheckDeployStatusResponse, SoapFault> {
    let steps = state.config.deploy_steps;
    let id = r.async_process_id.as_str();
    let mut guard = lock(&state.org);
    let org = &mut *guard;
    let (ph, to_apply) = {
        let Some(Job::Deploy(job)) = org.jobs.get_mut(id) else {
            return Err(unknown_id(id));
        };
        job.polls = job.polls.saturating_add(1);
        let ph = phase(job.polls, steps);
        let mut to_apply = None;
        if job.finished.is_none() && job.cancel_requested {
            job.finished = Some(DeployStatus::Canceled);
        } else if job.finished.is_none() && ph == Phase::Done {
            let status = final_status(job);
            if matches!(
                status,
                DeployStatus::Succeeded | DeployStatus::SucceededPartial
            ) && !job.check_only
            {
                to_apply = Some(job.plan.items.clone());
            }
            job.finished = Some(status);
        }
        (ph, to_apply)
    };
    if let Some(items) = to_apply {
        apply(org, items);
    }
    let Some(Job::Deploy(job)) = org.jobs.get_mut(id) else {
        return Err(unknown_id(id));
    };
    Ok(CheckDeployStatusResponse {
        result: result(state, job, ph, r.include_details),
    })
}

fn final_status(job: &DeployJob) -> DeployStatus {
    let p = &job.plan;
    if p.fatal.is_some()
        || (!p.failures.is_empty() && (job.rollback_on_error || p.items.is_empty()))
    {
        DeployStatus::Failed
    } else if !p.failures.is_empty() {
        DeployStatus::SucceededPartial
    } else {
        DeployStatus::Succeeded
    }
}

fn apply(org: &mut Org, items: Vec<Item>) {
    for item in items {
        match item {
            Item::Put {
                ty,
                name,
                value,
                files,
            } => {
                org.put(&ty, &name, *value, files);
            }
            Item::Remove { ty, name } => {
                org.remove(&ty, &name);
            }
        }
    }
}

fn result(state: &State, job: &DeployJob, ph: Phase, details: bool) -> DeployResult {
    let p = &job.plan;
    let status = job.finished.clone().unwrap_or(match ph {
        Phase::Pending => DeployStatus::Pending,
        _ => DeployStatus::InProgress,
    });
    let done = job.finished.is_some();
    let ok = matches!(
        status,
        DeployStatus::Succeeded | DeployStatus::SucceededPartial
    );
    let good = p.successes.len().saturating_sub(1) as i32;
    let deployed = match (&status, done) {
        (_, true) if ok => good,
        (DeployStatus::InProgress, false) => good / 2,
        _ => 0,
    };
    let created = job.created.parse().unwrap_or_else(|_| now_datetime());
    DeployResult {
        check_only: job.check_only,
        completed_date: done.then(now_datetime),
        created_by: state.config.user_id.clone(),
        created_by_name: "Local Admin".to_owned(),
        created_date: created,
        details: DeployDetails {
            component_failures: if details || done {
                p.failures.clone()
            } else {
                Vec::new()
            },
            component_successes: if details && done && ok {
                p.successes.clone()
            } else {
                Vec::new()
            },
            ..DeployDetails::default()
        },
        done,
        error_message: p.fatal.clone(),
        id: job.id.clone(),
        ignore_warnings: job.ignore_warnings,
        last_modified_date: Some(now_datetime()),
        number_component_errors: if done || ph == Phase::InProgress {
            p.failures.len() as i32
        } else {
            0
        },
        number_components_deployed: deployed,
        number_components_total: p.total,
        rollback_on_error: job.rollback_on_error,
        start_date: (ph != Phase::Pending || done).then(now_datetime),
        state_detail: (status == DeployStatus::InProgress)
            .then(|| "Processing components".to_owned()),
        status,
        success: done && ok,
        zip_size: Some(job.zip_size),
        ..DeployResult::default()
    }
}

/// cancelDeploy: a running deploy is Canceling until the next poll reports it Canceled.
pub(crate) fn cancel(state: &State, r: CancelDeploy) -> Result<CancelDeployResponse, SoapFault> {
    let mut org = lock(&state.org);
    let Some(Job::Deploy(job)) = org.jobs.get_mut(&r.string) else {
        return Err(unknown_id(&r.string));
    };
    let done = job.finished.is_some();
    if !done {
        job.cancel_requested = true;
    }
    Ok(CancelDeployResponse {
        result: CancelDeployResult {
            done,
            id: job.id.clone(),
        },
    })
}

/// deployRecentValidation: a successful checkOnly deploy is deployed again for real, as a
/// new job whose id is returned.
pub(crate) fn recent_validation(
    state: &State,
    r: DeployRecentValidation,
) -> Result<DeployRecentValidationResponse, SoapFault> {
    let mut org = lock(&state.org);
    let invalid = || {
        SoapFault::sf(
            "INVALID_ID_FIELD",
            &format!("{} is not a recent successful validation", r.validation_id),
        )
    };
    let Some(Job::Deploy(job)) = org.jobs.get_mut(&r.validation_id) else {
        return Err(invalid());
    };
    if !job.check_only || job.finished != Some(DeployStatus::Succeeded) {
        return Err(invalid());
    }
    let (plan, zip_size, rollback) = (job.plan.clone(), job.zip_size, job.rollback_on_error);
    let id = org.jobs.new_id("0Af");
    let new = DeployJob {
        id: id.clone(),
        created: now_iso(),
        check_only: false,
        ignore_warnings: false,
        rollback_on_error: rollback,
        zip_size,
        polls: 0,
        plan,
        finished: None,
        cancel_requested: false,
    };
    org.jobs.insert(id.clone(), Job::Deploy(Box::new(new)));
    Ok(DeployRecentValidationResponse { result: id })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phases() {
        let s = AsyncSteps {
            pending: 1,
            in_progress: 2,
        };
        assert_eq!(phase(1, s), Phase::Pending);
        assert_eq!(phase(2, s), Phase::InProgress);
        assert_eq!(phase(3, s), Phase::InProgress);
        assert_eq!(phase(4, s), Phase::Done);
        assert_eq!(
            phase(
                1,
                AsyncSteps {
                    pending: 0,
                    in_progress: 0
                }
            ),
            Phase::Done
        );
    }
}
