import type { Finding, FindingType } from '../types';

/** Collects findings in document order. */
export class FindingSink {
  readonly findings: Finding[] = [];
  add(findingType: FindingType, issueCode: string, message: string, path: string): void {
    this.findings.push({ findingType, issueCode, message, path });
  }
  error(issueCode: string, message: string, path: string): void {
    this.add('ERROR', issueCode, message, path);
  }
  warning(issueCode: string, message: string, path: string): void {
    this.add('WARNING', issueCode, message, path);
  }
  securityWarning(issueCode: string, message: string, path: string): void {
    this.add('SECURITY_WARNING', issueCode, message, path);
  }
  suggestion(issueCode: string, message: string, path: string): void {
    this.add('SUGGESTION', issueCode, message, path);
  }
}

/** IAM's message for a document it cannot parse. */
export const SYNTAX_ERROR_MESSAGE = 'Syntax errors in policy.';
/** IAM's message for an identity policy without Version 2012-10-17. */
export const VERSION_MESSAGE = 'Policy document must be version 2012-10-17 or greater.';
