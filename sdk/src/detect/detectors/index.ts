/** Every built-in detector, in documentation order. Adding a detector means adding it here. */
import type { Detector } from '../types';
import { email } from './email';
import { phone } from './phone';
import { creditCard } from './credit-card';
import { iban } from './iban';
import { usSsn } from './us-ssn';
import { ipAddress } from './ip-address';
import { ipv6Address } from './ipv6-address';
import { internalIp, internalIpv6 } from './internal-ip';
import { ukNino } from './uk-nino';
import { inAadhaar } from './in-aadhaar';
import { frNir } from './fr-nir';
import { awsAccessKey } from './aws-access-key';
import { awsSecretKey } from './aws-secret-key';
import { awsSessionToken } from './aws-session-token';
import { githubToken } from './github-token';
import { gitlabToken } from './gitlab-token';
import { slackToken } from './slack-token';
import { slackWebhook } from './slack-webhook';
import { stripeKey } from './stripe-key';
import { openaiKey } from './openai-key';
import { anthropicKey } from './anthropic-key';
import { googleApiKey } from './google-api-key';
import { npmToken } from './npm-token';
import { sendgridKey } from './sendgrid-key';
import { huggingfaceToken } from './huggingface-token';
import { privateKey } from './private-key';
import { jwt } from './jwt';
import { passwordInUrl } from './password-in-url';
import { genericSecret } from './generic-secret';
import { commandLineSecret } from './command-line-secret';

export const BUILTIN_DETECTORS: readonly Detector[] = [
  email, phone, creditCard, iban, usSsn, ipAddress, ipv6Address, internalIp, internalIpv6, ukNino, inAadhaar, frNir,
  awsAccessKey, awsSecretKey, awsSessionToken, githubToken, gitlabToken, slackToken, slackWebhook, stripeKey, openaiKey, anthropicKey, googleApiKey,
  npmToken, sendgridKey, huggingfaceToken, privateKey, jwt, passwordInUrl, genericSecret, commandLineSecret,
];
