// @ts-check
/**
 * OpenContrail's CI in Gerrit's Checks tab: a Gerrit JavaScript plugin that status-web serves
 * (GET /gerrit/opencontrail-checks.js) with its own address filled in. Drop the file into the Gerrit
 * site's plugins/ folder. It registers a checks provider that asks status-web for the runs of the
 * patch set shown, follows status-web's events for the open change and asks again when the change
 * moves (no polling), and offers a Recheck action that comments "recheck" as the signed-in user.
 */

/** @typedef {import('@gerritcodereview/typescript-api/plugin').PluginApi} PluginApi */
/** @typedef {import('@gerritcodereview/typescript-api/checks').ChangeData} ChangeData */
/** @typedef {import('@gerritcodereview/typescript-api/checks').FetchResponse} FetchResponse */
/** @typedef {import('@gerritcodereview/typescript-api/checks').CheckRun} CheckRun */
/** @typedef {import('@gerritcodereview/typescript-api/checks').CheckResult} CheckResult */
/** @typedef {import('@gerritcodereview/typescript-api/checks').Action} Action */
/** @typedef {import('@gerritcodereview/typescript-api/checks').ActionResult} ActionResult */
/** @typedef {import('@gerritcodereview/typescript-api/checks').Link} Link */
/** @typedef {import('@gerritcodereview/typescript-api/checks').Tag} Tag */
/** @typedef {import('@gerritcodereview/typescript-api/checks').RunStatus} RunStatus */
/** @typedef {import('@gerritcodereview/typescript-api/checks').Category} Category */
/** @typedef {import('@gerritcodereview/typescript-api/checks').ResponseCode} ResponseCode */
/** @typedef {import('@gerritcodereview/typescript-api/checks').LinkIcon} LinkIcon */
/** @typedef {import('@gerritcodereview/typescript-api/checks').TagColor} TagColor */

/**
 * status-web's answer, as JSON: the same shapes with times as text.
 * @typedef {{url: string, tooltip?: string, primary?: boolean, icon?: string}} LinkJson
 * @typedef {{name: string, tooltip?: string, color?: string}} TagJson
 * @typedef {{externalId?: string, category: string, summary: string, message?: string,
 *     tags?: TagJson[], links?: LinkJson[]}} ResultJson
 * @typedef {{change?: number, patchset?: number, attempt?: number, externalId?: string,
 *     checkName: string, checkDescription?: string, status: string, statusDescription?: string,
 *     statusLink?: string, scheduledTimestamp?: string, startedTimestamp?: string,
 *     finishedTimestamp?: string, results?: ResultJson[]}} RunJson
 * @typedef {{responseCode: string, errorMessage?: string, summaryMessage?: string,
 *     links?: LinkJson[], runs?: RunJson[]}} AnswerJson
 */

(function () {
  /** status-web's address, filled in when status-web serves this file. */
  const STATUS_URL = '__OPENCONTRAIL_STATUS_URL__';

  const OK = /** @type {ResponseCode} */ ('OK');
  const ERROR = /** @type {ResponseCode} */ ('ERROR');
  const STATUSES = ['RUNNABLE', 'RUNNING', 'SCHEDULED', 'COMPLETED'];
  const CATEGORIES = ['SUCCESS', 'INFO', 'WARNING', 'ERROR'];
  const ICONS = ['external', 'image', 'history', 'download', 'download_mobile', 'help_page', 'report_bug', 'code',
    'file_present', 'view_timeline'];
  const COLORS = ['gray', 'yellow', 'pink', 'purple', 'cyan', 'brown'];

  /**
   * @param {string | undefined} text
   * @returns {Date | undefined}
   */
  function date(text) {
    return text ? new Date(text) : undefined;
  }

  /**
   * @param {LinkJson} link
   * @returns {Link}
   */
  function link(link) {
    return {
      url: link.url,
      tooltip: link.tooltip,
      primary: link.primary === true,
      icon: /** @type {LinkIcon} */ (ICONS.includes(link.icon || '') ? link.icon : 'external'),
    };
  }

  /**
   * @param {TagJson} tag
   * @returns {Tag}
   */
  function tag(tag) {
    return {
      name: tag.name,
      tooltip: tag.tooltip,
      color: COLORS.includes(tag.color || '') ? /** @type {TagColor} */ (tag.color) : undefined,
    };
  }

  /**
   * @param {ResultJson} result
   * @returns {CheckResult}
   */
  function result(result) {
    return {
      externalId: result.externalId,
      category: /** @type {Category} */ (CATEGORIES.includes(result.category) ? result.category : 'INFO'),
      summary: result.summary,
      message: result.message,
      tags: (result.tags || []).map(tag),
      links: (result.links || []).map(link),
    };
  }

  /**
   * @param {RunJson} run
   * @param {Action[]} actions
   * @returns {CheckRun}
   */
  function run(run, actions) {
    const results = (run.results || []).map(result);
    return {
      change: run.change,
      patchset: run.patchset,
      attempt: run.attempt,
      externalId: run.externalId,
      checkName: run.checkName,
      checkDescription: run.checkDescription,
      status: /** @type {RunStatus} */ (STATUSES.includes(run.status) ? run.status : 'RUNNABLE'),
      statusDescription: run.statusDescription,
      statusLink: run.statusLink,
      scheduledTimestamp: date(run.scheduledTimestamp),
      startedTimestamp: date(run.startedTimestamp),
      finishedTimestamp: date(run.finishedTimestamp),
      actions: results.some(r => r.category === 'ERROR') ? actions : [],
      results,
    };
  }

  /**
   * @param {AnswerJson} answer
   * @param {Action[]} actions
   * @returns {FetchResponse}
   */
  function response(answer, actions) {
    return {
      responseCode: answer.responseCode === 'OK' ? OK : ERROR,
      errorMessage: answer.errorMessage,
      summaryMessage: answer.summaryMessage,
      actions,
      links: (answer.links || []).map(link),
      runs: (answer.runs || []).map(r => run(r, actions)),
    };
  }

  window.Gerrit.install((/** @type {PluginApi} */ plugin) => {
    const checks = plugin.checks();
    /** @type {EventSource | undefined} */
    let events;
    let followed = 0;

    /**
     * Follows the open change's moves on status-web, one change at a time.
     * @param {number} change
     */
    function follow(change) {
      if (followed === change) {
        return;
      }
      if (events) {
        events.close();
      }
      followed = change;
      events = new EventSource(`${STATUS_URL}/api/checks/${change}/events`);
      events.addEventListener('update', () => checks.announceUpdate());
    }

    /** @type {Action} */
    const recheck = {
      name: 'Recheck',
      tooltip: 'Comment "recheck": the CI runs the jobs of this patch set again',
      primary: true,
      callback: (change, patchset) =>
        plugin
          .restApi()
          .post(`/changes/${change}/revisions/${patchset}/review`, {message: 'recheck'})
          .then(() => /** @type {ActionResult} */ ({message: 'Asked the CI to run the jobs again', shouldReload: true}))
          .catch(error => /** @type {ActionResult} */ ({errorMessage: `The recheck was not posted: ${error}`})),
    };

    checks.register(
      {
        /**
         * @param {ChangeData} change
         * @returns {Promise<FetchResponse>}
         */
        fetch: async change => {
          follow(change.changeNumber);
          try {
            const answer = await fetch(
              `${STATUS_URL}/api/checks/${change.changeNumber}/${change.patchsetNumber}`,
              {credentials: 'omit'}
            );
            if (!answer.ok) {
              return {responseCode: ERROR, errorMessage: `The CI's status page answered ${answer.status}`};
            }
            return response(/** @type {AnswerJson} */ (await answer.json()), [recheck]);
          } catch (error) {
            return {responseCode: ERROR, errorMessage: `The CI's status page does not answer: ${error}`};
          }
        },
      },
      {fetchPollingIntervalSeconds: 0}
    );
  }, '0.1');
})();
