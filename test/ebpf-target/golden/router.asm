; examples/router/router.pnet: XDP program 'pnet_xdp' (section xdp), 438 instructions
; maps: scratch, ports, ifports, t0, t1, t2, t3, t4, defaults
mov %r6, %r1
stw [%r10-8], 0
lddw %r1, 0x0
mov %r2, %r10
add %r2, -8
call 1
jeq %r0, 0, L434
mov %r9, %r0
stw [%r10-8], 0
lddw %r1, 0x0
mov %r2, %r10
add %r2, -8
call 1
jeq %r0, 0, L434
stxdw [%r10-328], %r0
stdw [%r9+8], 0
stdw [%r9+16], 0
stdw [%r9+24], 0
stdw [%r9+80], 0
stdw [%r9+88], 0
ldxw %r1, [%r6+8]
ldxw %r2, [%r6]
jge %r1, %r2, L33
mov %r3, %r1
add %r3, 32
jgt %r3, %r2, L33
ldxw %r3, [%r1]
jne %r3, 0x74656e70, L33
ldxw %r3, [%r1+4]
stxdw [%r9+40], %r3
ja L45
L33:
ldxw %r3, [%r6+12]
stxw [%r10-8], %r3
lddw %r1, 0x0
mov %r2, %r10
add %r2, -8
call 1
jeq %r0, 0, L436
ldxw %r3, [%r0+4]
jeq %r3, 0, L436
ldxw %r3, [%r0]
stxdw [%r9+40], %r3
L45:
mov %r8, 0
ldxw %r7, [%r6]
mov %r0, %r7
add %r0, 14
ldxw %r1, [%r6+4]
jgt %r0, %r1, L170
ldxdw %r1, [%r7]
be64 %r1
rsh %r1, 16
stxdw [%r9+96], %r1
ldxdw %r1, [%r7+6]
be64 %r1
rsh %r1, 16
stxdw [%r9+104], %r1
ldxh %r1, [%r7+12]
be16 %r1
stxdw [%r9+112], %r1
add %r7, 14
mov %r8, 14
stb [%r9+80], 1
jeq %r1, 33024, L70
jeq %r1, 2048, L84
jeq %r1, 34525, L143
jne %r1, 2054, L177
ja L163
L70:
mov %r1, %r7
add %r1, 4
ldxw %r0, [%r6+4]
jgt %r1, %r0, L170
ldxh %r0, [%r7+2]
be16 %r0
stxdw [%r9+144], %r0
add %r7, 4
mov %r8, 18
stb [%r9+81], 1
jeq %r0, 2048, L84
jeq %r0, 34525, L143
jne %r0, 2054, L177
ja L163
L84:
mov %r0, %r7
add %r0, 20
ldxw %r1, [%r6+4]
jgt %r0, %r1, L170
ldxb %r1, [%r7]
rsh %r1, 4
stxdw [%r9+224], %r1
ldxb %r1, [%r7]
and %r1, 15
stxdw [%r9+232], %r1
ldxh %r1, [%r7+2]
be16 %r1
stxdw [%r9+256], %r1
ldxb %r1, [%r7+8]
stxdw [%r9+288], %r1
ldxb %r1, [%r7+9]
stxdw [%r9+296], %r1
ldxh %r1, [%r7+10]
be16 %r1
stxdw [%r9+304], %r1
ldxw %r1, [%r7+12]
be32 %r1
stxdw [%r9+312], %r1
ldxw %r1, [%r7+16]
be32 %r1
stxdw [%r9+320], %r1
ldxw %r1, [%r7]
ldxw %r0, [%r7+4]
add %r1, %r0
ldxw %r0, [%r7+12]
add %r1, %r0
ldxw %r0, [%r7+16]
add %r1, %r0
mov %r2, %r1
rsh %r2, 16
and %r1, 65535
add %r1, %r2
mov %r2, %r1
rsh %r2, 16
and %r1, 65535
add %r1, %r2
mov %r2, %r1
rsh %r2, 16
and %r1, 65535
add %r1, %r2
be16 %r1
stxdw [%r9+328], %r1
add %r8, 20
stb [%r9+83], 1
ldxdw %r0, [%r9+224]
jne %r0, 4, L172
ldxdw %r0, [%r9+232]
jlt %r0, 5, L174
ldxdw %r0, [%r9+256]
ldxdw %r1, [%r9+232]
lsh %r1, 2
and %r1, 65535
jlt %r0, %r1, L176
ja L177
L143:
mov %r0, %r7
add %r0, 40
ldxw %r1, [%r6+4]
jgt %r0, %r1, L170
ldxb %r1, [%r7]
rsh %r1, 4
stxdw [%r9+336], %r1
ldxb %r1, [%r7+7]
stxdw [%r9+376], %r1
ldxdw %r1, [%r7+24]
be64 %r1
stxdw [%r9+408], %r1
ldxdw %r1, [%r7+32]
be64 %r1
stxdw [%r9+400], %r1
add %r8, 40
stb [%r9+84], 1
ldxdw %r1, [%r9+336]
jne %r1, 6, L172
ja L177
L163:
mov %r1, %r7
add %r1, 28
ldxw %r0, [%r6+4]
jgt %r1, %r0, L170
add %r8, 28
stb [%r9+82], 1
ja L177
L170:
stdw [%r9+8], 1
ja L177
L172:
stdw [%r9+8], 6
ja L177
L174:
stdw [%r9+8], 7
ja L177
L176:
stdw [%r9+8], 8
L177:
stxdw [%r9], %r8
mov %r8, 0
mov %r7, 0
ldxdw %r0, [%r9+8]
jne %r0, 0, L335
ldxb %r0, [%r9+82]
jeq %r0, 0, L186
stdw [%r9+16], 2
ja L335
L186:
ldxdw %r0, [%r9+96]
stxdw [%r9+1544], %r0
lddw %r1, 0x0
mov %r2, %r9
add %r2, 1544
call 1
jeq %r0, 0, L335
ldxb %r0, [%r9+83]
jeq %r0, 0, L276
ldxdw %r0, [%r9+232]
jeq %r0, 5, L200
stdw [%r9+16], 2
ja L335
L200:
ldxdw %r0, [%r9+328]
ldxdw %r1, [%r9+288]
lsh %r1, 8
add %r0, %r1
ldxdw %r1, [%r9+296]
add %r0, %r1
ldxdw %r1, [%r9+304]
add %r0, %r1
mov %r1, %r0
rsh %r1, 16
and %r0, 65535
add %r0, %r1
mov %r1, %r0
rsh %r1, 16
and %r0, 65535
add %r0, %r1
jne %r0, 65535, L335
ldxdw %r0, [%r9+312]
rsh %r0, 24
and %r0, 255
mov %r8, 1
stxw [%r10-8], %r0
lddw %r1, 0x0
mov %r2, %r10
add %r2, -8
call 1
jeq %r0, 0, L230
ldxdw %r1, [%r0+8]
jne %r1, 0, L231
L230:
mov %r8, 0
L231:
jne %r8, 0, L335
ldxdw %r0, [%r9+320]
stw [%r9+1544], 32
be32 %r0
stxw [%r9+1548], %r0
lddw %r1, 0x0
mov %r2, %r9
add %r2, 1544
call 1
mov %r7, %r0
jne %r0, 0, L245
ldxdw %r7, [%r10-328]
add %r7, 16
L245:
ldxw %r1, [%r7]
jeq %r1, 0, L250
jne %r1, 1, L335
stdw [%r9+16], 2
ja L335
L250:
ldxdw %r1, [%r7+8]
stxdw [%r9+88], %r1
ldxdw %r1, [%r9+288]
jgt %r1, 1, L256
stdw [%r9+16], 2
ja L335
L256:
sub %r1, 1
and %r1, 255
stxdw [%r9+288], %r1
ldxdw %r1, [%r9+328]
ldxdw %r0, [%r9+288]
lsh %r0, 8
add %r1, %r0
ldxdw %r0, [%r9+296]
add %r1, %r0
mov %r0, %r1
rsh %r0, 16
and %r1, 65535
add %r1, %r0
mov %r0, %r1
rsh %r0, 16
and %r1, 65535
add %r1, %r0
xor %r1, 65535
stxdw [%r9+304], %r1
ja L307
L276:
ldxb %r1, [%r9+84]
jeq %r1, 0, L335
ldxdw %r1, [%r9+400]
ldxdw %r0, [%r9+408]
stw [%r9+1544], 128
be64 %r0
stxdw [%r9+1548], %r0
mov %r0, %r1
be64 %r0
stxdw [%r9+1556], %r0
lddw %r1, 0x0
mov %r2, %r9
add %r2, 1544
call 1
mov %r7, %r0
jne %r0, 0, L295
ldxdw %r7, [%r10-328]
add %r7, 32
L295:
ldxw %r1, [%r7]
jeq %r1, 0, L300
jne %r1, 1, L335
stdw [%r9+16], 2
ja L335
L300:
ldxdw %r1, [%r7+8]
stxdw [%r9+88], %r1
ldxdw %r1, [%r9+376]
jle %r1, 1, L335
sub %r1, 1
and %r1, 255
stxdw [%r9+376], %r1
L307:
ldxdw %r1, [%r9+88]
stxw [%r10-8], %r1
lddw %r1, 0x0
mov %r2, %r10
add %r2, -8
call 1
jeq %r0, 0, L318
mov %r7, %r0
ldxdw %r1, [%r0+32]
jne %r1, 0, L320
L318:
ldxdw %r7, [%r10-328]
add %r7, 48
L320:
ldxw %r1, [%r7]
jne %r1, 0, L329
ldxdw %r1, [%r7+16]
stxdw [%r9+104], %r1
ldxdw %r1, [%r7+24]
stxdw [%r9+96], %r1
ldxdw %r1, [%r7+8]
stxdw [%r9+24], %r1
stdw [%r9+16], 1
L329:
ldxb %r1, [%r9+81]
jeq %r1, 0, L335
ldxdw %r1, [%r9+144]
stxdw [%r9+112], %r1
stb [%r9+81], 0
stdw [%r9+144], 0
L335:
ldxdw %r1, [%r9+16]
jeq %r1, 0, L401
ldxb %r1, [%r9+80]
mul %r1, 14
ldxb %r0, [%r9+81]
mul %r0, 4
add %r1, %r0
ldxb %r0, [%r9+82]
mul %r0, 28
add %r1, %r0
mov %r8, %r1
ldxb %r0, [%r9+83]
mul %r0, 20
add %r1, %r0
mov %r7, %r1
ldxb %r0, [%r9+84]
mul %r0, 40
add %r1, %r0
ldxdw %r0, [%r9]
sub %r0, %r1
jeq %r0, 0, L360
mov %r2, %r0
mov %r1, %r6
call 44
jne %r0, 0, L434
L360:
ldxw %r0, [%r6+4]
ldxb %r1, [%r9+80]
jeq %r1, 0, L380
ldxw %r2, [%r6]
mov %r3, %r2
add %r3, 14
jgt %r3, %r0, L434
ldxdw %r3, [%r9+96]
lsh %r3, 16
ldxdw %r4, [%r9+104]
rsh %r4, 32
or %r3, %r4
be64 %r3
stxdw [%r2], %r3
ldxdw %r3, [%r9+104]
be32 %r3
stxw [%r2+8], %r3
ldxdw %r3, [%r9+112]
be16 %r3
stxh [%r2+12], %r3
L380:
ldxb %r2, [%r9+83]
jeq %r2, 0, L392
ldxw %r1, [%r6]
add %r1, %r8
mov %r4, %r1
add %r4, 12
jgt %r4, %r0, L434
ldxdw %r4, [%r9+288]
stxb [%r1+8], %r4
ldxdw %r3, [%r9+304]
be16 %r3
stxh [%r1+10], %r3
L392:
ldxb %r1, [%r9+84]
jeq %r1, 0, L401
ldxw %r2, [%r6]
add %r2, %r7
mov %r4, %r2
add %r4, 8
jgt %r4, %r0, L434
ldxdw %r4, [%r9+376]
stxb [%r2+7], %r4
L401:
ldxdw %r5, [%r9+16]
ldxw %r1, [%r6+8]
ldxw %r2, [%r6]
jge %r1, %r2, L415
mov %r3, %r1
add %r3, 32
jgt %r3, %r2, L415
ldxw %r3, [%r1]
jne %r3, 0x74656e70, L415
stxw [%r1+16], %r5
ldxdw %r3, [%r9+24]
stxw [%r1+20], %r3
ldxdw %r3, [%r9+8]
stxw [%r1+24], %r3
L415:
jne %r5, 0, L418
mov %r0, 1
exit
L418:
jne %r5, 2, L421
mov %r0, 2
exit
L421:
jne %r5, 3, L424
mov %r0, 3
exit
L424:
ldxdw %r2, [%r9+24]
ldxdw %r4, [%r9+40]
jne %r2, %r4, L429
mov %r0, 3
exit
L429:
lddw %r1, 0x0
mov %r3, 1
call 51
exit
L434:
mov %r0, 0
exit
L436:
mov %r0, 1
exit
