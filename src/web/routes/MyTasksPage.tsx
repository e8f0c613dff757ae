import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { Alert } from '../components/Alert';
import { ErrorText } from '../components/ErrorText';
import { PageHeading } from '../components/PageHeading';
import { QueryError } from '../components/QueryError';
import { Spinner } from '../components/Spinner';
import { FormToggle, SectionMessage } from '../features/families/FamilySection';
import { TaskForm } from '../features/tasks/TaskForm';
import { fetchMyTasks, taskKeys, taskOriginLabel, taskTitle, updateTask, type Task, type TaskListStatus } from '../features/tasks/tasks.api';
import { useI18n } from '../i18n/useT';
import { formatDate } from '../lib/format';
import '../styles/work.css';
import { familyLabel } from '../features/families/labels';

/** Mine opgaver: open tasks with the overdue first, marking them done, and creating a task. */
export function MyTasksPage() {
  const { t, lang } = useI18n();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<TaskListStatus>('open');
  const [creating, setCreating] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const tasks = useQuery({ queryKey: taskKeys.mine(status), queryFn: () => fetchMyTasks(status) });
  const change = useMutation({
    mutationFn: (task: Task) => updateTask(task.id, { status: task.status === 'open' ? 'done' : 'open' }),
    onSuccess: (task) => {
      void queryClient.invalidateQueries({ queryKey: taskKeys.all });
      setMessage(task.status === 'done' ? t('tasks.doneMessage', { title: taskTitle(t, task) }) : t('tasks.reopened', { title: taskTitle(t, task) }));
    },
  });
  return (
    <>
      <PageHeading>{t('tasks.title')}</PageHeading>
      <SectionMessage message={message} />
      <FormToggle label={t('tasks.create')} open={creating} onOpen={() => (setCreating(true), setMessage(null))}>
        <TaskForm
          onDone={(title) => {
            setCreating(false);
            setStatus('open');
            setMessage(t('tasks.created', { title }));
          }}
          onCancel={() => setCreating(false)}
        />
      </FormToggle>
      <nav className="tabs tabs-secondary" aria-label={t('tasks.show')}>
        <ul>
          {(['open', 'done'] as const).map((s) => (
            <li key={s}>
              <a
                href={`#${s}`}
                aria-current={status === s ? 'page' : undefined}
                onClick={(e) => {
                  e.preventDefault();
                  setStatus(s);
                  setMessage(null);
                }}
              >
                {s === 'open' ? t('tasks.tabOpen') : t('tasks.tabDone')}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {change.error ? (
        <Alert variant="error" live="alert">
          <p>
            <ErrorText error={change.error} />
          </p>
        </Alert>
      ) : null}
      {status === 'open' && <p>{t('tasks.intro')}</p>}
      {tasks.isPending ? (
        <Spinner />
      ) : tasks.isError ? (
        <QueryError error={tasks.error} onRetry={() => void tasks.refetch()} />
      ) : tasks.data.tasks.length === 0 ? (
        <div className="empty-state">
          <p>{status === 'open' ? t('tasks.empty') : t('tasks.emptyDone')}</p>
        </div>
      ) : (
        <div className="table-wrapper">
          <table className="table">
            <caption className="visually-hidden">{status === 'open' ? t('tasks.caption') : t('tasks.captionDone')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('tasks.task')}</th>
                <th scope="col">{t('tasks.due')}</th>
                <th scope="col">{t('tasks.family')}</th>
                <th scope="col">{t('tasks.origin')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('tasks.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {tasks.data.tasks.map((task) => (
                <tr key={task.id}>
                  <td>
                    {task.link.path ? <Link to={task.link.path}>{taskTitle(t, task)}</Link> : taskTitle(t, task)}
                    {task.description && <div className="muted small prewrap">{task.description}</div>}
                  </td>
                  <td className="nowrap">
                    {formatDate(task.due, lang)} {task.overdue && <span className="badge badge-error">{t('tasks.overdue')}</span>}
                  </td>
                  <td>{task.family?.names ? <Link to={`/families/${task.family.id}`}>{familyLabel(t, task.family.names)}</Link> : '–'}</td>
                  <td>{taskOriginLabel(t, task.origin)}</td>
                  <td>
                    {task.can.update && (
                      <button type="button" className="button button-secondary button-small" onClick={() => change.mutate(task)} disabled={change.isPending}>
                        {task.status === 'open' ? t('tasks.markDone') : t('tasks.reopen')}
                        <span className="visually-hidden"> {taskTitle(t, task)}</span>
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {tasks.data?.truncated && <p className="muted">{t('tasks.truncated')}</p>}
    </>
  );
}
