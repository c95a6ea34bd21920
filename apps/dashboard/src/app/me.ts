import { createContext, useContext } from 'react';
import { graphql, type ResultOf } from '../graphql.js';

export const ME_QUERY = graphql(`
  query Me {
    me {
      roles
      ownerPath
      authenticatedBy
      user {
        id
        login
        displayName
        email
      }
      groups {
        id
        displayName
        role
      }
    }
  }
`);

export type Me = ResultOf<typeof ME_QUERY>['me'];

export const MeContext = createContext<Me | undefined>(undefined);

/** The signed-in caller; only pages inside the shell (which signs in first) use it. */
export function useMe(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error('useMe outside the signed-in shell');
  return me;
}

/** Whether the caller holds one of these roles. The API decides what is allowed; this only hides what would be refused. */
export function hasRole(me: Me, ...roles: string[]): boolean {
  return me.roles.some((role) => role === 'admin' || roles.includes(role));
}
