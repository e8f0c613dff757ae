import type { ReactNode } from 'react';
import type { DepartmentDto } from '../../../shared/admin';
import type { Role } from '../../../shared/roles';
import { CheckboxGroup, SelectField, TextField } from '../../components/FormField';
import { useT } from '../../i18n/useT';
import type { FormErrorsState } from '../forms/useFormErrors';
import { roleOptions } from '../session/roleLabels';

export interface UserDetails {
  name: string;
  roles: Role[];
  profession: string;
  departmentId: string;
}

export const EMPTY_USER_DETAILS: UserDetails = { name: '', roles: [], profession: '', departmentId: '' };

interface Props {
  form: FormErrorsState;
  values: UserDetails;
  onChange: (values: UserDetails) => void;
  departments: readonly DepartmentDto[];
  /** Before these fields, e.g. the e-mail on the create form. */
  children?: ReactNode;
}

/** Name, roles, profession and department: the part of a user an administrator can edit. */
export function UserDetailsFields({ form, values, onChange, departments, children }: Props) {
  const t = useT();
  const set = <K extends keyof UserDetails>(key: K) => (value: UserDetails[K]) => onChange({ ...values, [key]: value });
  // A deactivated department stays selectable only for the user already in it.
  const choosable = departments.filter((d) => d.active || d.id === values.departmentId);
  return (
    <>
      <TextField form={form} path="name" label={t('field.name')} value={values.name} onChange={set('name')} autoComplete="off" />
      {children}
      <CheckboxGroup form={form} path="roles" legend={t('field.roles')} hint={t('users.rolesHint')} options={roleOptions(t)} value={values.roles} onChange={set('roles')} />
      <TextField form={form} path="profession" label={t('field.profession')} hint={t('users.professionHint')} value={values.profession} onChange={set('profession')} autoComplete="off" />
      <SelectField
        form={form}
        path="departmentId"
        label={t('field.department')}
        value={values.departmentId}
        onChange={set('departmentId')}
        options={[
          { value: '', label: t('users.noDepartment') },
          ...choosable.map((d) => ({ value: d.id, label: d.active ? d.name : `${d.name} (${t('departments.status.inactive')})` })),
        ]}
      />
    </>
  );
}

/** The field order for the error summary. */
export function userDetailsFieldLabels(t: ReturnType<typeof useT>): Array<readonly [string, string]> {
  return [
    ['name', t('field.name')],
    ['roles', t('field.roles')],
    ['profession', t('field.profession')],
    ['departmentId', t('field.department')],
  ];
}
