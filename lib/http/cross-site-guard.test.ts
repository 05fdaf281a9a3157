import { describe, expect, test } from 'vitest';
import { isCrossSiteMutation } from './cross-site-guard';

function request(method: string, headers: Record<string, string>): Request {
  return new Request('http://localhost:3000/api/classes', { method, headers });
}

const own = ['http://localhost:3000'];

describe('isCrossSiteMutation', () => {
  test('lets reads through whatever their origin', () => {
    expect(isCrossSiteMutation(request('GET', { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' }), own)).toBe(false);
  });

  test('refuses a mutation another site sent', () => {
    expect(isCrossSiteMutation(request('POST', { 'sec-fetch-site': 'cross-site' }), own)).toBe(true);
    expect(isCrossSiteMutation(request('DELETE', { origin: 'https://evil.example' }), own)).toBe(true);
    expect(isCrossSiteMutation(request('PATCH', { 'sec-fetch-site': 'same-site', origin: 'http://sub.localhost:3000' }), own)).toBe(true);
  });

  test('allows our own pages and header-less scripts', () => {
    expect(isCrossSiteMutation(request('POST', { 'sec-fetch-site': 'same-origin', origin: 'http://localhost:3000' }), own)).toBe(false);
    expect(isCrossSiteMutation(request('POST', {}), own)).toBe(false);
  });
});
