import { describe, expect, it } from 'vitest';
import { canonicalPersonName, parseMention, surname } from '../src/extract/names.js';

describe('names and roles', () => {
  it('splits a leading title from a name', () => {
    expect(parseMention('National Security Adviser H.R. McMaster')).toMatchObject({ name: 'H.R. McMaster', role: 'National Security Adviser', kind: 'person' });
    expect(parseMention('Homeland Security Secretary Dana Cole')).toMatchObject({ name: 'Dana Cole', role: 'Homeland Security Secretary' });
  });

  it('splits an apposition from a name', () => {
    expect(parseMention('HR McMaster, the national security adviser who attended')).toMatchObject({ name: 'HR McMaster', role: 'national security adviser' });
    expect(parseMention("Israel's ambassador to the United Nations, Ron Avni")).toMatchObject({ name: 'Ron Avni' });
  });

  it('reads honorifics as gender, not name', () => {
    expect(parseMention('Mrs. Alvarez')).toMatchObject({ name: 'Alvarez', gender: 'f' });
    expect(parseMention('Mr. Alvarez')).toMatchObject({ name: 'Alvarez', gender: 'm' });
  });

  it('reads descriptions with their head noun and number', () => {
    expect(parseMention('an Israeli intelligence officer')).toMatchObject({ name: null, kind: 'description', head: 'officer', plural: false, definite: false });
    expect(parseMention('the officials')).toMatchObject({ name: null, kind: 'group', head: 'official', plural: true, definite: true });
    expect(parseMention('a US official familiar with the matter')).toMatchObject({ head: 'official' });
  });

  it('reads a group described by examples as the group', () => {
    expect(parseMention('Several newspapers, including the Gazette and the Herald')).toMatchObject({ name: null, plural: true, head: 'newspaper' });
  });

  it('knows pronouns', () => {
    expect(parseMention('she')).toMatchObject({ kind: 'pronoun', gender: 'f' });
  });

  it('takes the surname of a name', () => {
    expect(surname('H.R. McMaster')).toBe('McMaster');
    expect(surname('Martin Luther King Jr.')).toBe('King');
  });
});

describe('canonical person names', () => {
  it('writes initials one way and drops honorifics', () => {
    expect(canonicalPersonName('HR McMaster')).toBe('H.R. McMaster');
    expect(canonicalPersonName('H. R. McMaster')).toBe('H.R. McMaster');
    expect(canonicalPersonName('Mr. Obama')).toBe('Obama');
    expect(canonicalPersonName('US Ambassador')).toBe('US Ambassador');
  });
});

describe('roles that are not roles', () => {
  it('an outlet owning the name is the affiliation, not a role "The Guardian\'s"', () => {
    expect(parseMention("The Guardian's Tom Pell")).toMatchObject({ name: 'Tom Pell', role: 'The Guardian' });
    expect(parseMention('The Post’s Ann Rusk')).toMatchObject({ name: 'Ann Rusk', role: 'The Washington Post' });
  });

  it('a reflexive after an apposition is no part of the role', () => {
    expect(parseMention('Vantner, a former engineer herself')).toMatchObject({ name: 'Vantner', role: 'former engineer' });
  });
});
